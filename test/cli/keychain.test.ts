// Sign-in with the session really stored in, and read back from, an OS keychain: gnome-keyring on a
// private D-Bus session, through keytar. The token must not appear in any file under the home.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeJwtClaims, renewAt } from '../../src/session';
import { startEmulator, type Emulator } from '../emulator/index';
import { assertBuilt, CliHome, hasCommand, OWNER_SCOPES, REPO_ROOT, runCli, TTD_ORG_NUMBER } from './helpers';
import { type Keyring, readKeychain, startKeyring } from './keyring';

function keytarInstalled(): boolean {
  try {
    require.resolve('keytar', { paths: [REPO_ROOT] });
    return true;
  } catch {
    return false;
  }
}

interface StoredSession {
  token: string;
  credentials: { method: string; privateKey?: string };
}

describe('cli: login with the OS keychain (gnome-keyring on D-Bus)', function () {
  this.timeout(90_000);
  let emulator: Emulator;
  let home: CliHome;
  let keyring: Keyring | undefined;
  let env: Record<string, string | undefined>;

  before(async function () {
    const missing = ['dbus-daemon', 'gnome-keyring-daemon'].filter((c) => !hasCommand(c));
    if (!keytarInstalled()) missing.push('the keytar module (optional dependency; needs libsecret-1-dev to build)');
    if (missing.length > 0) {
      console.log(`      skipped: ${missing.join(' and ')} not installed (apt-get install dbus gnome-keyring libsecret-1-dev)`);
      this.skip();
    }
    assertBuilt();
    home = await CliHome.create();
    keyring = await startKeyring(home.env());
    env = home.env({ DBUS_SESSION_BUS_ADDRESS: keyring.address });
    // Short-lived tokens, so that renewal before expiry can be seen (due a quarter of their life before exp).
    emulator = await startEmulator({ port: 0, tokenLifetimeSeconds: 24 });
    const add = await runCli(['env', 'add', 'emu', '--kind', 'emulator', '--url', emulator.url], { env });
    assert.equal(add.code, 0, add.stderr);
  });
  after(async () => {
    await emulator?.close();
    await keyring?.stop();
    await home?.dispose();
  });

  async function stored(): Promise<StoredSession | undefined> {
    const raw = await readKeychain(env, 'emu');
    return raw === null ? undefined : (JSON.parse(raw) as StoredSession);
  }

  async function assertNotInFiles(secret: string): Promise<void> {
    // The signature part is unique to this token; the home holds the config and the keyring files.
    assert.deepEqual(await home.filesContaining(secret), [], 'secret found in a file');
  }

  it('stores a test-org session in the keychain only, and later commands read it from there', async () => {
    const login = await runCli(['login', '--test-org', 'ttd', '--org-number', TTD_ORG_NUMBER, '--scopes', OWNER_SCOPES], { env });
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /Signed in to emu as organisation ttd \(405003309\)/);
    const session = await stored();
    assert.ok(session, 'nothing in the keychain');
    assert.equal(session.credentials.method, 'testOrg');
    await assertNotInFiles(session.token.split('.')[2]);

    const who = await runCli(['whoami', '--json'], { env });
    assert.equal(who.code, 0, who.stderr);
    const parsed = JSON.parse(who.stdout) as { source: string; identity: { org: string } };
    assert.equal(parsed.source, 'keychain');
    assert.equal(parsed.identity.org, 'ttd');
    const apps = await runCli(['instances', 'ttd/building-permit', '--limit', '2', '--json'], { env });
    assert.equal(apps.code, 0, apps.stderr);
    assert.equal((JSON.parse(apps.stdout) as unknown[]).length, 2);
  });

  it('renews a token close to expiry with the stored credentials and stores the new one', async () => {
    // Tokens live 24 s here and are renewed 6 s before expiry (the session core's margin): wait until this one is due.
    const before = (await stored())!.token;
    const due = renewAt(decodeJwtClaims(before), Date.now())!;
    await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now() + 1500)));
    const r = await runCli(['apps', 'ttd', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const after = (await stored())!.token;
    assert.notEqual(after, before, 'the renewed token was not stored');
    await assertNotInFiles(after.split('.')[2]);
  });

  it('signs in with Maskinporten; the private key goes to the keychain, not to a config file', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    emulator.registerMaskinportenClient({
      clientId: 'cli-test',
      keyId: 'cli-key',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      orgNumber: TTD_ORG_NUMBER,
      scopes: OWNER_SCOPES.split(' '),
    });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyFile = path.join(home.root, 'outside', 'client.pem');
    await mkdir(path.dirname(keyFile), { recursive: true });
    await writeFile(keyFile, pem, { mode: 0o600 });
    const login = await runCli(['login', '--maskinporten', '--client-id', 'cli-test', '--key-id', 'cli-key', '--key-file', keyFile, '--scopes', OWNER_SCOPES, '--json'], { env });
    assert.equal(login.code, 0, login.stderr);
    assert.equal((JSON.parse(login.stdout) as { method: string }).method, 'maskinporten');
    const session = (await stored())!;
    assert.equal(session.credentials.method, 'maskinporten');
    assert.equal(session.credentials.privateKey, pem);
    const keyBody = pem.split('\n')[5];
    assert.deepEqual((await home.filesContaining(keyBody)).map((f) => path.relative(home.root, f)), ['outside/client.pem']);
    await assertNotInFiles(session.token.split('.')[2]);
    const r = await runCli(['apps', 'ttd'], { env });
    assert.equal(r.code, 0, r.stderr);
  });

  it('signs in with an ID-porten token (exchanged) and with a pasted token, both read from stdin', async () => {
    const res = await fetch(`${emulator.url}/_emulator/idporten-token?pid=01039012345&scope=${encodeURIComponent('altinn:instances.read altinn:instances.write')}`);
    const external = (await res.text()).trim();
    const idp = await runCli(['login', '--idporten'], { env, input: `${external}\n` });
    assert.equal(idp.code, 0, idp.stderr);
    assert.match(idp.stdout, /as user 1337/);
    assert.equal((await stored())!.credentials.method, 'idporten');
    await assertNotInFiles(external.split('.')[2]);

    const pasted = (await runCli(['login', '--test-user', '12345', '--print-token'], { env })).stdout.trim();
    const paste = await runCli(['login', '--token'], { env, input: pasted });
    assert.equal(paste.code, 0, paste.stderr);
    const session = (await stored())!;
    assert.equal(session.token, pasted);
    assert.equal(session.credentials.method, 'token');
    await assertNotInFiles(pasted.split('.')[2]);
    const who = await runCli(['whoami'], { env });
    assert.match(who.stdout, /user 12345/);
  });

  it('logout removes the session from the keychain; commands then say how to sign in', async () => {
    const out = await runCli(['logout'], { env });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Signed out of emu/);
    assert.equal(await stored(), undefined);
    const r = await runCli(['apps', 'ttd'], { env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Not signed in to "emu"/);
    assert.match(r.stderr, /altinn-explorer login --env emu/);
  });
});

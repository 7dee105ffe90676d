// Issue 6: each sign-in method end to end against the emulator, driven through scripted prompts.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AltinnExplorerApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../emulator';
import {
  addEmulatorEnvironment,
  claimsOf,
  EmulatorTraffic,
  extensionApi,
  removeEnvironment,
  SERVICE_OWNER_SCOPES,
} from './authFixture';
import { ScriptedPrompts } from './scriptedPrompts';

const ENV = 'auth-signin';

describe('Auth: sign-in methods against the emulator', () => {
  let api: AltinnExplorerApi;
  let emulator: Emulator;
  let traffic: EmulatorTraffic;
  let ui: ScriptedPrompts;
  let keyDir: string;

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator();
    traffic = EmulatorTraffic.forUrl(emulator.url);
    await addEmulatorEnvironment(api, { id: ENV, url: emulator.url });
    // Outside the workspace: the secret scan must not find the test's own key file.
    keyDir = mkdtempSync(path.join(tmpdir(), 'altinn-auth-keys-'));
  });

  beforeEach(() => {
    ui = new ScriptedPrompts(api);
    traffic.clear();
  });

  afterEach(async () => {
    ui.dispose();
    await api.auth.signOut(ENV);
  });

  after(async () => {
    await removeEnvironment(api, ENV);
    traffic.dispose();
    await emulator.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** The session works: Storage answers the client with the token auth handed out. */
  async function assertTokenWorks(appId = 'ttd/building-permit'): Promise<void> {
    const client = api.registry.client(ENV);
    const identity = api.auth.getIdentity(ENV);
    if (identity?.kind === 'org') {
      const page = await client.instances.query({ appId, size: 1 });
      assert.ok(page.instances.length > 0, 'the org sees instances of its app');
    } else {
      assert.ok(identity?.kind === 'user' && identity.userId !== undefined);
      const parties = await client.apps.parties(appId);
      assert.ok(parties.some((p) => p.partyId === identity.partyId), 'the user may represent their own party');
    }
    // Only requests that carried a token: a tree load racing the previous test's sign-out goes out without one.
    const refused = traffic.requests.filter((r) => r.status === 401 && r.authorization !== undefined);
    assert.deepEqual(refused.map((r) => `${r.method} ${r.path}`), [], 'no request with a token was refused');
  }

  it('signs in as a localtest test user through the "altinn.signIn" command', async () => {
    ui.script({ pick: 'Test user' }, { input: '1337' });
    await vscode.commands.executeCommand('altinn.signIn', ENV);
    assert.equal(ui.pending, 0, 'every prompt was answered');
    const identity = api.auth.getIdentity(ENV);
    assert.equal(identity?.kind, 'user');
    assert.deepEqual(identity?.kind === 'user' && [identity.userId, identity.partyId, identity.method], [1337, 501337, 'testUser']);
    assert.equal(traffic.count(/^\/Home\/GetTestUserToken\/1337$/), 1);
    assert.equal(await api.auth.hasStoredSession(ENV), true, 'the session is in SecretStorage');
    await assertTokenWorks();
  });

  it('signs in as a test organisation with org number and scopes', async () => {
    ui.script({ pick: 'Test organisation' }, { input: 'ttd' }, { input: '405003309' }, { input: SERVICE_OWNER_SCOPES });
    await api.auth.signIn(ENV);
    const identity = api.auth.getIdentity(ENV);
    assert.deepEqual(identity?.kind === 'org' && [identity.org, identity.orgNumber, identity.method], ['ttd', '405003309', 'testOrg']);
    assert.deepEqual([...(identity?.scopes ?? [])].sort(), SERVICE_OWNER_SCOPES.split(' ').sort());
    await assertTokenWorks();
  });

  it('accepts a pasted Altinn token', async () => {
    const token = emulator.issueToken({ 'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': '405003309', 'urn:altinn:authlevel': 3, scope: SERVICE_OWNER_SCOPES });
    ui.script({ pick: 'Paste an Altinn token' }, { input: `  ${token}\n` });
    await api.auth.signIn(ENV);
    assert.equal(await api.auth.getToken(ENV, { silent: true }), token, 'the pasted token, trimmed, is the session');
    assert.equal(api.auth.getIdentity(ENV)?.method, 'token');
    assert.equal(traffic.tokenRequests().length, 0, 'pasting needs no token request');
    await assertTokenWorks();
  });

  it('refuses to paste something that is not a JWT, without saving anything', async () => {
    ui.script({ pick: 'Paste an Altinn token' }, { input: 'definitely-not-a-jwt' });
    await assert.rejects(api.auth.signIn(ENV), /refuses the answer/);
    assert.equal(api.auth.getIdentity(ENV), undefined);
    assert.equal(await api.auth.hasStoredSession(ENV), false);
  });

  it('exchanges an ID-porten token for an Altinn token', async () => {
    const response = await fetch(`${emulator.url}/_emulator/idporten-token?pid=01039012345&scope=${encodeURIComponent('altinn:instances.read altinn:instances.write')}`);
    assert.equal(response.status, 200);
    const external = (await response.text()).trim();
    traffic.clear();
    ui.script({ pick: 'ID-porten token' }, { input: external });
    await api.auth.signIn(ENV);
    // docs/altinn-behaviour.md §3: GET /authentication/api/v1/exchange/id-porten with the external token as bearer.
    assert.equal(traffic.count(/^\/authentication\/api\/v1\/exchange\/id-porten$/), 1);
    const token = await api.auth.getToken(ENV, { silent: true });
    assert.ok(token && token !== external, 'the session holds the Altinn token, not the external one');
    const identity = api.auth.getIdentity(ENV);
    assert.deepEqual(identity?.kind === 'user' && [identity.userId, identity.partyId, identity.method], [1337, 501337, 'idporten']);
    await assertTokenWorks();
  });

  it('signs in with Maskinporten: a pasted PEM key (line breaks lost), JWT grant, exchange', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    emulator.registerMaskinportenClient({
      clientId: 'auth-test-pem',
      keyId: 'pem-key-1',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      orgNumber: '405003309',
      scopes: SERVICE_OWNER_SCOPES.split(' '),
    });
    ui.script(
      { pick: 'Maskinporten' },
      { input: 'auth-test-pem' },
      { input: SERVICE_OWNER_SCOPES },
      { pick: 'Paste' },
      { input: pem.replace(/\n/g, ' ') },
      { input: 'pem-key-1' },
    );
    await api.auth.signIn(ENV);
    assert.equal(traffic.count(/^\/maskinporten\/token$/), 1, 'one JWT-bearer grant');
    assert.equal(traffic.count(/^\/authentication\/api\/v1\/exchange\/maskinporten$/), 1, 'one exchange');
    const identity = api.auth.getIdentity(ENV);
    assert.deepEqual(identity?.kind === 'org' && [identity.org, identity.orgNumber, identity.method], ['ttd', '405003309', 'maskinporten']);
    const claims = claimsOf((await api.auth.getToken(ENV, { silent: true })) ?? '');
    assert.equal(claims['urn:altinn:authenticatemethod'], 'maskinporten');
    await assertTokenWorks();
  });

  it('signs in with Maskinporten using a JWK key file, taking the key id from the JWK', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'jwk-key-1' };
    const keyFile = path.join(keyDir, 'client.jwk');
    writeFileSync(keyFile, JSON.stringify(jwk));
    emulator.registerMaskinportenClient({
      clientId: 'auth-test-jwk',
      keyId: 'jwk-key-1',
      publicKey: JSON.stringify({ ...publicKey.export({ format: 'jwk' }), kid: 'jwk-key-1' }),
      orgNumber: '991825827',
      scopes: SERVICE_OWNER_SCOPES.split(' '),
    });
    ui.script(
      { pick: 'Maskinporten' },
      { input: 'auth-test-jwk' },
      { input: SERVICE_OWNER_SCOPES },
      { pick: 'From a file…' },
      { file: vscode.Uri.file(keyFile) },
      { input: 'jwk-key-1' },
    );
    await api.auth.signIn(ENV);
    const identity = api.auth.getIdentity(ENV);
    assert.deepEqual(identity?.kind === 'org' && [identity.org, identity.orgNumber], ['digdir', '991825827']);
    await assertTokenWorks('digdir/simple-form');
  });

  it('a grant Maskinporten refuses (unknown key) leaves the user signed out with the reason', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    ui.script(
      { pick: 'Maskinporten' },
      { input: 'auth-test-pem' },
      { input: SERVICE_OWNER_SCOPES },
      { pick: 'Paste' },
      { input: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      { input: 'pem-key-1' },
    );
    await assert.rejects(api.auth.signIn(ENV), (err: Error) => /Maskinporten refused the grant \(400\)/.test(err.message) && !/PRIVATE KEY|eyJ/.test(err.message));
    assert.equal(api.auth.getIdentity(ENV), undefined);
    assert.equal(await api.auth.hasStoredSession(ENV), false);
  });

  // The Accounts menu lists what the provider's getSessions() returns and signs out through removeSession().
  // (vscode.authentication.getSession would only answer once the user let this extension use the account.)
  it('lists the session in the Accounts menu, and signs out there', async () => {
    ui.script({ pick: 'Test user' }, { input: '12345' });
    await api.auth.signIn(ENV);
    const provider = api.auth.provider;
    assert.ok(provider, 'the "altinn" authentication provider is registered');
    const mine = (await provider.getSessions(undefined, {})).filter((s) => s.scopes.includes(`env:${ENV}`));
    assert.equal(mine.length, 1, 'one session for the environment');
    assert.match(mine[0].account.label, /12345/);
    assert.deepEqual((await provider.getSessions([`env:${ENV}`], {})).map((s) => s.id), [mine[0].id]);
    await provider.removeSession(mine[0].id);
    assert.equal(api.auth.getIdentity(ENV), undefined);
    assert.equal(await api.auth.hasStoredSession(ENV), false);
    assert.deepEqual(await provider.getSessions([`env:${ENV}`], {}), []);
  });

  it('shows the token claims read-only, without the token', async () => {
    ui.script({ pick: 'Test organisation' }, { input: 'ttd' }, { input: '405003309' }, { input: SERVICE_OWNER_SCOPES });
    await api.auth.signIn(ENV);
    const token = (await api.auth.getToken(ENV, { silent: true })) ?? '';
    await vscode.commands.executeCommand('altinn.showTokenClaims', ENV);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'the claims open in an editor');
    assert.equal(editor.document.uri.scheme, 'altinn-claims');
    const shown = JSON.parse(editor.document.getText()) as Record<string, unknown>;
    assert.equal(shown.org, 'ttd');
    assert.equal(shown.orgNumber, '405003309');
    assert.deepEqual(shown.scopes, SERVICE_OWNER_SCOPES.split(' '));
    assert.equal(shown.expiresAt, new Date((claimsOf(token).exp as number) * 1000).toISOString());
    const text = editor.document.getText();
    for (const part of token.split('.')) assert.ok(!text.includes(part), 'no part of the token is shown');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

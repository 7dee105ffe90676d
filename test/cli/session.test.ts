// The CLI's sessions on the session core: the renewal margin, the stored shapes it reads and writes, and
// who a token is, all as the extension has them. A real emulator over HTTP; the keychain is a Map here
// (the keychain suite has the real one).
import * as assert from 'node:assert/strict';
import { AltinnApiError, AltinnClient, AuthApi, Environment } from '../../src/api';
import { describeIdentity, identityOf, SessionTokens } from '../../src/cli/session';
import type { SecretStore } from '../../src/cli/secrets';
import { decodeJwtClaims, environmentBinding, identityFromClaims, renewAt } from '../../src/session';
import { startEmulator, type Emulator } from '../emulator/index';
import { TTD_ORG_NUMBER } from './helpers';

class MemoryKeychain implements SecretStore {
  readonly secrets = new Map<string, string>();
  async get(account: string): Promise<string | undefined> {
    return this.secrets.get(account);
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
}

/** An unsigned JWT: identity reading never verifies, the server does. */
function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.c2ln`;
}

describe('cli: sessions on the shared session core', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let environment: Environment;
  const credentials = { method: 'testOrg', org: 'ttd', orgNumber: TTD_ORG_NUMBER, scopes: 'altinn:serviceowner/instances.read' };

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    environment = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: emulator.url });
  });
  after(async () => emulator?.close());

  let grants = 0;
  /** Token endpoints that count test-org grants: the emulator signs the same claims in the same second alike. */
  function countingEndpoints(): AuthApi {
    const api = new AuthApi(environment);
    return Object.assign(Object.create(api) as AuthApi, {
      testOrgToken: (...args: Parameters<AuthApi['testOrgToken']>) => {
        grants++;
        return api.testOrgToken(...args);
      },
    });
  }

  function tokensAt(keychain: MemoryKeychain, now: number, warnings: string[] = []): SessionTokens {
    const log = { info: () => undefined, warn: (m: string) => void warnings.push(m) };
    return new SessionTokens(environment, countingEndpoints(), keychain, {}, () => now, log);
  }

  function storedIn(keychain: MemoryKeychain): Record<string, unknown> {
    return JSON.parse(keychain.secrets.get('emu')!) as Record<string, unknown>;
  }

  /** A test-org token of the emulator (one hour) stored the way `login` stores it. */
  async function signedIn(shape: 'current' | 'old-cli' = 'current'): Promise<{ keychain: MemoryKeychain; token: string; exp: number }> {
    const token = await new AuthApi(environment).testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: credentials.scopes });
    const binding = environmentBinding(environment);
    const session = { version: 1, ...(shape === 'current' ? { environment: binding } : { binding }), token, obtainedAt: Date.now(), credentials };
    const keychain = new MemoryKeychain();
    keychain.secrets.set('emu', JSON.stringify(session));
    return { keychain, token, exp: (decodeJwtClaims(token).exp as number) * 1000 };
  }

  it('renews two minutes before expiry, the margin the extension uses (not 60 s)', async () => {
    const { keychain, token, exp } = await signedIn();
    assert.equal(renewAt(decodeJwtClaims(token), Date.now()), exp - 120_000, 'an hour-long token is renewed 2 min before exp');
    grants = 0;
    assert.equal(await tokensAt(keychain, exp - 121_000).getToken({ forceRefresh: false }), token, 'not yet due');
    assert.equal(grants, 0);
    const renewed = await tokensAt(keychain, exp - 90_000).getToken({ forceRefresh: false });
    assert.equal(grants, 1, '90 s before expiry the token is due');
    assert.deepEqual([storedIn(keychain).token, storedIn(keychain).obtainedAt], [renewed, exp - 90_000], 'the renewed token is stored');
  });

  it('reads a session the previous CLI stored, and stores the common shape when it renews it', async () => {
    const { keychain, token, exp } = await signedIn('old-cli');
    grants = 0;
    assert.equal(await tokensAt(keychain, Date.now()).getToken({ forceRefresh: false }), token);
    await tokensAt(keychain, exp - 60_000).getToken({ forceRefresh: false });
    assert.equal(grants, 1);
    const stored = storedIn(keychain);
    assert.deepEqual(Object.keys(stored).sort(), ['credentials', 'environment', 'obtainedAt', 'token', 'version']);
    assert.equal(stored.obtainedAt, exp - 60_000);
    assert.equal(stored.environment, environmentBinding(environment));
    assert.deepEqual(stored.credentials, credentials);
  });

  it('keeps a token that still works when its renewal fails, and says why; an expired one ends the session', async () => {
    const { keychain, token, exp } = await signedIn();
    const fault = emulator.faults.add({ path: 'GetTestOrgToken', kind: 'status', status: 503 });
    try {
      const warnings: string[] = [];
      assert.equal(await tokensAt(keychain, exp - 60_000, warnings).getToken({ forceRefresh: false }), token);
      assert.match(warnings.join('\n'), /\[emu\] session renewal failed: .*503/);
      assert.ok(!warnings.join('\n').includes(token.split('.')[2]), 'no token in the warning');
      await assert.rejects(tokensAt(keychain, exp + 1000).getToken({ forceRefresh: false }), (e: Error & { hint?: string }) =>
        e.name === 'CliError' && e.message === 'The session for "emu" has expired.' && /altinn-explorer login --env emu/.test(e.hint ?? ''));
    } finally {
      emulator.faults.remove(fault);
    }
  });

  it('passes a cancelled request on to the renewal it waits for: the token request stops, the session stays', async () => {
    const { keychain, token, exp } = await signedIn();
    const fault = emulator.faults.add({ path: 'GetTestOrgToken', kind: 'latency', latencyMs: 5_000 });
    try {
      const tokens = tokensAt(keychain, exp - 60_000);
      const client = new AltinnClient({ environment, getToken: tokens.getToken });
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      await assert.rejects(client.apps.metadata('ttd/building-permit', { signal: controller.signal }), (e: Error) => e instanceof AltinnApiError && e.kind === 'aborted');
      assert.ok(Date.now() - started < 2_000, `cancelled while renewing, not after the 5 s token request (${Date.now() - started} ms)`);
      assert.equal(storedIn(keychain).token, token, 'the session is kept as it was');
    } finally {
      emulator.faults.remove(fault);
    }
  });

  it('treats a stored session with incomplete credentials as no session, before any request', async () => {
    const token = jwt({ 'urn:altinn:org': 'ttd', exp: Math.floor(Date.now() / 1000) + 30 });
    for (const field of ['environment', 'binding']) {
      const keychain = new MemoryKeychain();
      const broken = { version: 1, [field]: environmentBinding(environment), token, obtainedAt: Date.now(), credentials: { method: 'maskinporten', clientId: 'c' } };
      keychain.secrets.set('emu', JSON.stringify(broken));
      await assert.rejects(tokensAt(keychain, Date.now()).getToken({ forceRefresh: false }), (e: Error) => e.name === 'CliError' && /Not signed in to "emu"/.test(e.message));
    }
  });

  it('says who a token is exactly as the extension reads it', () => {
    const cases: Record<string, unknown>[] = [
      // Maskinporten: the organisation is `consumer.ID` = 0192:<9 digits>; anything else names no organisation number.
      { consumer: { authority: 'iso6523-actorid-upis', ID: '0192:405003309' }, scope: 'altinn:serviceowner/instances.read', 'urn:altinn:org': 'ttd' },
      { consumer: { ID: '9908:123' }, 'urn:altinn:org': 'ttd' },
      // A localtest org token has its scopes in urn:altinn:scope, an exchanged one in scope: both count.
      { 'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': 405003309, 'urn:altinn:scope': 'altinn:instances.read', scope: 'altinn:instances.write' },
      { 'urn:altinn:userid': '1337', 'urn:altinn:partyid': 501337, exp: 2_000_000_000 },
      { iss: 'nobody' },
    ];
    for (const claims of cases) {
      const extension = identityFromClaims(claims, 'token');
      const cli = identityOf(jwt(claims));
      assert.equal(cli.kind === 'unknown' ? 'user' : cli.kind, extension.kind, JSON.stringify(claims));
      assert.deepEqual(cli.scopes, extension.scopes, JSON.stringify(claims));
      if (extension.kind === 'org') assert.deepEqual([cli.org, cli.orgNumber], [extension.org, extension.orgNumber], JSON.stringify(claims));
      else assert.deepEqual([cli.userId, cli.partyId], [extension.userId, extension.partyId], JSON.stringify(claims));
    }
    assert.equal(identityOf(jwt(cases[1])).orgNumber, undefined);
    assert.deepEqual(identityOf(jwt(cases[2])).scopes, ['altinn:instances.write', 'altinn:instances.read']);
    assert.equal(describeIdentity(identityOf(jwt(cases[3]))), 'user 1337 (party 501337)');
    assert.equal(identityOf(jwt(cases[3])).expiresAt, '2033-05-18T03:33:20.000Z');
  });
});

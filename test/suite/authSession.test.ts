// Issue 6: expiry and renewal with short-lived tokens, sign-out, a 401 renewal cannot fix, automatic sign-in.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
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
  sleep,
  waitFor,
} from './authFixture';
import { ScriptedPrompts } from './scriptedPrompts';

// Short enough to cross two expiries in a test, long enough for a loaded 2-core machine.
const LIFETIME_S = 6;
const UNKNOWN_INSTANCE = { partyId: 500000, guid: '00000000-0000-4000-8000-000000000401' };

describe('Auth: sessions, expiry and renewal', () => {
  let api: AltinnExplorerApi;
  let emulator: Emulator;
  /** Tokens that outlive the test, where a scheduled renewal would blur the counts. */
  let steady: Emulator;
  let traffic: EmulatorTraffic;
  let steadyTraffic: EmulatorTraffic;
  let ui: ScriptedPrompts;
  const envs: string[] = [];

  async function env(id: string, extra: { autoSignIn?: { testUser: number }; url?: string } = {}): Promise<string> {
    await addEmulatorEnvironment(api, { id, url: emulator.url, ...extra });
    envs.push(id);
    return id;
  }

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ tokenLifetimeSeconds: LIFETIME_S });
    traffic = EmulatorTraffic.forUrl(emulator.url);
    steady = await startEmulator();
    steadyTraffic = EmulatorTraffic.forUrl(steady.url);
  });

  beforeEach(() => {
    ui = new ScriptedPrompts(api);
    traffic.clear();
    steadyTraffic.clear();
    emulator.faults.reset();
    steady.faults.reset();
  });

  afterEach(() => ui.dispose());

  after(async () => {
    for (const id of envs) await removeEnvironment(api, id);
    traffic.dispose();
    steadyTraffic.dispose();
    await emulator.close();
    await steady.close();
  });

  /** Uses the session across two token lifetimes; Altinn must never see an expired token. */
  async function useAcrossExpiries(envId: string): Promise<string[]> {
    const first = (await api.auth.getToken(envId, { silent: true })) ?? '';
    const tokens = new Set([first]);
    const until = ((claimsOf(first).exp as number) + LIFETIME_S) * 1000 + 500;
    while (Date.now() < until) {
      await api.registry.client(envId).instances.query({ appId: 'ttd/building-permit', size: 1 });
      tokens.add((await api.auth.getToken(envId, { silent: true })) ?? '');
      await sleep(500);
    }
    assert.deepEqual(traffic.requests.filter((r) => r.status === 401).map((r) => r.path), [], 'no request was refused as expired');
    return [...tokens];
  }

  it('renews a Maskinporten session with a new grant before the token expires', async () => {
    const envId = await env('auth-mp-expiry');
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    emulator.registerMaskinportenClient({
      clientId: 'auth-expiry',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      orgNumber: '405003309',
      scopes: SERVICE_OWNER_SCOPES.split(' '),
    });
    ui.script(
      { pick: 'Maskinporten' },
      { input: 'auth-expiry' },
      { input: SERVICE_OWNER_SCOPES },
      { pick: 'Paste' },
      { input: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      { input: '' },
    );
    await api.auth.signIn(envId);
    const tokens = await useAcrossExpiries(envId);
    assert.ok(tokens.length >= 3, `renewed at least twice (${tokens.length - 1} renewals)`);
    const exps = tokens.map((t) => claimsOf(t).exp as number);
    assert.deepEqual([...exps].sort((a, b) => a - b), exps, 'each renewal runs later');
    // A renewal may be between its grant and its exchange at this moment: let it finish before counting.
    const exchanges = () => traffic.count(/^\/authentication\/api\/v1\/exchange\/maskinporten$/);
    await waitFor(() => traffic.count(/^\/maskinporten\/token$/) === exchanges(), 'the renewal in flight to finish its exchange', 5_000).catch(() => undefined);
    const grants = traffic.count(/^\/maskinporten\/token$/);
    assert.equal(grants, exchanges(), 'every grant is exchanged');
    // The last renewal may land after the last look at the token.
    assert.ok(grants === tokens.length || grants === tokens.length + 1, `one grant per token (${grants} grants, ${tokens.length} tokens seen)`);
    assert.equal(ui.warnings.length, 0, 'renewal is silent');
    await api.auth.signOut(envId);
  });

  it('renews a pasted token through /authentication/api/v1/refresh', async () => {
    const envId = await env('auth-paste-expiry');
    const pasted = emulator.issueToken({ 'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': '405003309', 'urn:altinn:authlevel': 3, scope: SERVICE_OWNER_SCOPES }, LIFETIME_S);
    ui.script({ pick: 'Paste an Altinn token' }, { input: pasted });
    await api.auth.signIn(envId);
    const tokens = await useAcrossExpiries(envId);
    assert.ok(tokens.length >= 3, `renewed at least twice (${tokens.length - 1} renewals)`);
    // docs/altinn-behaviour.md §3: GET /authentication/api/v1/refresh (authenticated) → a new JWT.
    const refreshes = traffic.count(/^\/authentication\/api\/v1\/refresh$/);
    assert.ok(refreshes === tokens.length - 1 || refreshes === tokens.length, `one refresh per renewal (${refreshes} refreshes, ${tokens.length} tokens seen)`);
    await api.auth.signOut(envId);
  });

  it('renews a test-user session with a new test token', async () => {
    const envId = await env('auth-user-expiry');
    ui.script({ pick: 'Test user' }, { input: '1337' });
    await api.auth.signIn(envId);
    const first = (await api.auth.getToken(envId, { silent: true })) ?? '';
    await sleep((claimsOf(first).exp as number) * 1000 - Date.now() + 200);
    const next = (await api.auth.getToken(envId, { silent: true })) ?? '';
    assert.notEqual(next, first);
    assert.ok((claimsOf(next).exp as number) * 1000 > Date.now(), 'the token handed out is valid');
    const parties = await api.registry.client(envId).apps.parties('ttd/building-permit');
    assert.ok(parties.length > 0);
    await api.auth.signOut(envId);
  });

  it('sign-out removes the secret, and the tree shows the signed-out state', async () => {
    const envId = await env('auth-signout');
    ui.script({ pick: 'Test organisation' }, { input: 'ttd' }, { input: '405003309' }, { input: SERVICE_OWNER_SCOPES });
    await api.auth.signIn(envId);
    assert.equal(await api.auth.hasStoredSession(envId), true);
    const envNode = api.tree.provider.environmentNode(envId);
    assert.ok(envNode, 'the tree shows the environment');
    assert.match(String(envNode.getTreeItem().contextValue), /(^|;)signedIn(;|$)/);
    const changed = new Promise<string>((resolve) => {
      const sub = api.auth.onDidChange((id) => {
        if (id === envId) {
          sub.dispose();
          resolve(id);
        }
      });
    });
    await vscode.commands.executeCommand('altinn.signOut', envId);
    assert.equal(await changed, envId, 'onDidChange fired for the environment');
    assert.equal(await api.auth.hasStoredSession(envId), false, 'SecretStorage no longer holds it');
    assert.equal(api.auth.getIdentity(envId), undefined);
    assert.equal(await api.auth.getToken(envId, { silent: true }), undefined);
    const node = api.tree.provider.environmentNode(envId);
    if (node) {
      // Other environments are still signed in: this one shows "Sign in…" instead of content.
      assert.match(String(node.getTreeItem().contextValue), /(^|;)signedOut(;|$)/);
      const children = await api.tree.provider.getChildren(node);
      assert.deepEqual(children.map((c) => c.getTreeItem().contextValue), ['signIn']);
    } else {
      // Nobody is signed in: the view is empty and its "Sign in" welcome content shows.
      assert.deepEqual(await api.tree.provider.getChildren(), []);
    }
  });

  it('a 401 that renewal cannot fix ends signed out after exactly one renewal, with one message', async () => {
    const envId = await env('auth-401', { url: steady.url });
    ui.script({ pick: 'Test organisation' }, { input: 'ttd' }, { input: '405003309' }, { input: SERVICE_OWNER_SCOPES });
    await api.auth.signIn(envId);
    const promptsAtSignIn = ui.prompts.length;
    steadyTraffic.clear();
    // Altinn refuses every token on this route, fresh or not.
    steady.faults.add({ method: 'GET', path: `^/storage/api/v1/instances/${UNKNOWN_INSTANCE.partyId}/${UNKNOWN_INSTANCE.guid}$`, kind: 'status', status: 401 });
    const client = api.registry.client(envId);
    const isUnauthorized = (err: { status?: number }) => err.status === 401;

    await assert.rejects(client.instances.get(UNKNOWN_INSTANCE), isUnauthorized);
    assert.equal(steadyTraffic.tokenRequests().length, 1, 'the 401 got one silent renewal');
    // The client names the refused token, so this 401 (to the renewed token) is told apart from a late one to the old token.
    await assert.rejects(client.instances.get(UNKNOWN_INSTANCE), isUnauthorized);
    assert.equal(api.auth.getIdentity(envId), undefined, 'signed out');
    assert.equal(await api.auth.getToken(envId, { silent: true }), undefined);
    assert.equal(await api.auth.hasStoredSession(envId), false);

    await assert.rejects(client.instances.get(UNKNOWN_INSTANCE), isUnauthorized);
    assert.equal(steadyTraffic.tokenRequests().length, 1, 'exactly one renewal attempt in all');
    assert.equal(ui.warnings.length, 1, `one message: ${JSON.stringify(ui.warnings)}`);
    assert.equal(ui.prompts.length, promptsAtSignIn, 'no prompt after sign-in');
  });

  it('never sends a session to an environment whose URL changed under the same id', async () => {
    const envId = await env('auth-moved', { url: steady.url });
    ui.script({ pick: 'Test organisation' }, { input: 'ttd' }, { input: '405003309' }, { input: SERVICE_OWNER_SCOPES });
    await api.auth.signIn(envId);
    const oldToken = await api.auth.getToken(envId, { silent: true });
    assert.ok(oldToken);
    await api.registry.add({ id: envId, name: 'moved', kind: 'emulator', url: emulator.url });
    await waitFor(() => api.registry.get(envId)?.setting.url === emulator.url, 'the new URL in the registry');
    assert.equal(api.auth.getIdentity(envId), undefined, 'the old session does not apply');
    assert.equal(await api.auth.getToken(envId, { silent: true }), undefined);
    await assert.rejects(api.registry.client(envId).instances.query({ appId: 'ttd/building-permit', size: 1 }), (err: { status?: number }) => err.status === 401);
    assert.ok(!traffic.requests.some((r) => r.authorization === `Bearer ${oldToken}`), 'the old token never reached the other host');
  });

  it('signs in automatically from the autoSignIn setting, and stays signed out after sign-out', async () => {
    const signedIn = new Promise<void>((resolve) => {
      const sub = api.auth.onDidChange((id) => {
        if (id === 'auth-auto' && api.auth.getIdentity(id)) {
          sub.dispose();
          resolve();
        }
      });
    });
    const envId = await env('auth-auto', { autoSignIn: { testUser: 1337 }, url: steady.url });
    await signedIn;
    const identity = api.auth.getIdentity(envId);
    assert.deepEqual(identity?.kind === 'user' && [identity.userId, identity.method], [1337, 'testUser']);
    assert.equal(ui.prompts.length, 0, 'silently');

    await api.auth.signOut(envId);
    steadyTraffic.clear();
    assert.equal(await api.auth.getToken(envId, { silent: true }), undefined, 'sign-out is not undone by autoSignIn');
    assert.equal(steadyTraffic.tokenRequests().length, 0);

    ui.script({ pick: 'Test user' }, { input: '1337' });
    await api.auth.signIn(envId);
    assert.ok(api.auth.getIdentity(envId), 'an explicit sign-in works again');
  });
});

import * as assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import { AltinnInputError, AuthApi, Environment } from '../../src/api';
import { acquireToken, type TokenEndpoints } from '../../src/session/acquire';
import { autoSignInCredentials, AutoSignInSwitch } from '../../src/auth/autoSignIn';
import { environmentBinding } from '../../src/session/stored';
import type { EnvironmentEntry } from '../../src/environments/registry';

/** Records which endpoint was asked for what, and answers with a name for the call. */
function recordingEndpoints(): { endpoints: TokenEndpoints; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const answer = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
    return `${name}-token`;
  };
  return {
    calls,
    endpoints: {
      exchange: answer('exchange'),
      refresh: answer('refresh'),
      testUserToken: answer('testUser'),
      testOrgToken: answer('testOrg'),
      maskinportenAltinnToken: answer('maskinporten'),
    } as unknown as TokenEndpoints,
  };
}

const emulator = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: 'http://127.0.0.1:5101' });

describe('auth: renewing without asking', () => {
  it('renews pasted and ID-porten sessions through refresh of the current token', async () => {
    const { endpoints, calls } = recordingEndpoints();
    assert.equal(await acquireToken({ environment: emulator, endpoints }, { method: 'token' }, 'current'), 'refresh-token');
    assert.equal(await acquireToken({ environment: emulator, endpoints }, { method: 'idporten' }, 'current'), 'refresh-token');
    assert.deepEqual(calls, [['refresh', 'current'], ['refresh', 'current']]);
    await assert.rejects(acquireToken({ environment: emulator, endpoints }, { method: 'token' }), /cannot be renewed/);
  });

  it('renews Maskinporten sessions with a new grant (scopes split, key passed on as stored)', async () => {
    const { endpoints, calls } = recordingEndpoints();
    const credentials = { method: 'maskinporten', clientId: 'c', keyId: 'k', scopes: ' a  b ', privateKey: 'PEM' } as const;
    assert.equal(await acquireToken({ environment: emulator, endpoints }, credentials, 'old'), 'maskinporten-token');
    assert.deepEqual(calls, [['maskinporten', { clientId: 'c', keyId: 'k', privateKey: 'PEM', scopes: ['a', 'b'] }]]);
  });

  it('refuses Maskinporten where the environment has no token endpoint, before any request', async () => {
    // Localtest has no Maskinporten (docs/altinn-behaviour.md §3); src/api's AuthApi refuses without sending anything.
    const localtest = new Environment({ id: 'lt', name: 'Localtest', kind: 'localtest' });
    const credentials = { method: 'maskinporten', clientId: 'c', scopes: 'a', privateKey: 'PEM' } as const;
    await assert.rejects(acquireToken({ environment: localtest, endpoints: new AuthApi(localtest) }, credentials), AltinnInputError);
  });

  it('renews test identities with a new test token', async () => {
    const { endpoints, calls } = recordingEndpoints();
    await acquireToken({ environment: emulator, endpoints }, { method: 'testUser', userId: 1337 });
    await acquireToken({ environment: emulator, endpoints }, { method: 'testOrg', org: 'ttd', orgNumber: '405003309', scopes: 's' });
    assert.deepEqual(calls, [['testUser', 1337], ['testOrg', 'ttd', { orgNumber: '405003309', scopes: 's' }]]);
  });
});

describe('auth: automatic sign-in', () => {
  const entry = (kind: 'emulator' | 'localtest' | 'tt02', autoSignIn: unknown): EnvironmentEntry => {
    const setting = { id: 'e', name: 'E', kind, url: kind === 'tt02' ? undefined : 'http://127.0.0.1:1', autoSignIn } as EnvironmentEntry['setting'];
    return { id: 'e', setting, environment: new Environment(setting) };
  };

  // README.md, Settings: autoSignIn is honoured only for the emulator and localtest.
  it('takes a test user or org from the setting, only for emulator and localtest', () => {
    assert.deepEqual(autoSignInCredentials(entry('emulator', { testUser: 1337 })), { method: 'testUser', userId: 1337 });
    assert.deepEqual(autoSignInCredentials(entry('localtest', { testOrg: 'ttd', scopes: 's' })), {
      method: 'testOrg',
      org: 'ttd',
      orgNumber: '405003309',
      scopes: 's',
    });
    assert.equal(autoSignInCredentials(entry('tt02', { testUser: 1337 })), undefined);
    assert.equal(autoSignInCredentials(entry('emulator', { testUser: -1 })), undefined);
    assert.equal(autoSignInCredentials(entry('emulator', { testOrg: 'TTD/..' })), undefined);
    assert.equal(autoSignInCredentials(undefined), undefined);
  });

  it('remembers which environments the user signed out of', async () => {
    const values = new Map<string, unknown>();
    const memento = {
      get: <T>(key: string, fallback: T) => (values.has(key) ? (values.get(key) as T) : fallback),
      update: async (key: string, value: unknown) => void values.set(key, value),
      keys: () => [...values.keys()],
    } as unknown as Memento;
    const autoSwitch = new AutoSignInSwitch(memento);
    assert.equal(autoSwitch.isOff('a'), false);
    await autoSwitch.set('a', true);
    await autoSwitch.set('b', true);
    assert.equal(autoSwitch.isOff('a'), true);
    await autoSwitch.set('a', false);
    assert.deepEqual([autoSwitch.isOff('a'), autoSwitch.isOff('b')], [false, true]);
  });
});

describe('auth: sessions are bound to their environment', () => {
  it('tells environments apart by where their tokens go', () => {
    const a = new Environment({ id: 'x', name: 'X', kind: 'emulator', url: 'http://127.0.0.1:1000' });
    const b = new Environment({ id: 'x', name: 'X renamed', kind: 'emulator', url: 'http://127.0.0.1:1000/' });
    const c = new Environment({ id: 'x', name: 'X', kind: 'emulator', url: 'http://127.0.0.1:2000' });
    assert.equal(environmentBinding(a), environmentBinding(b));
    assert.notEqual(environmentBinding(a), environmentBinding(c));
  });
});

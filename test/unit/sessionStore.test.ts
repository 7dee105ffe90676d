import * as assert from 'node:assert/strict';
import type { SecretStorage } from 'vscode';
import { Environment } from '../../src/api';
import { secretStorageBackend } from '../../src/auth/store';
import { environmentBinding, newStoredSession, parseStoredSession, SessionStore } from '../../src/session';

const environment = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: 'http://127.0.0.1:5101' });
const binding = environmentBinding(environment);
const testOrg = { method: 'testOrg', org: 'ttd', orgNumber: '405003309', scopes: 'altinn:serviceowner/instances.read' } as const;

function fakeSecretStorage(): { secrets: SecretStorage; map: Map<string, string> } {
  const map = new Map<string, string>();
  const secrets = {
    get: async (key: string) => map.get(key),
    store: async (key: string, value: string) => void map.set(key, value),
    delete: async (key: string) => void map.delete(key),
  } as unknown as SecretStorage;
  return { secrets, map };
}

describe('session core: the stored session', () => {
  it('reads what the extension stored before the core, under the same SecretStorage key', async () => {
    const { secrets, map } = fakeSecretStorage();
    const before = { version: 1, environment: binding, token: 'a.b.c', obtainedAt: 1_700_000_000_000, credentials: testOrg };
    map.set('altinn.auth/emu', JSON.stringify(before));
    const store = new SessionStore(secretStorageBackend(secrets));
    assert.deepEqual(await store.read('emu'), before);
    assert.equal(await store.read('other'), undefined);
  });

  it('reads what the CLI stored before the core (the binding under `binding`), and writes one shape for both', async () => {
    const cli = { version: 1, binding, token: 'a.b.c', obtainedAt: 1, credentials: { method: 'testUser', userId: 1337 } };
    assert.deepEqual(parseStoredSession(JSON.stringify(cli)), { version: 1, environment: binding, token: 'a.b.c', obtainedAt: 1, credentials: cli.credentials });
    const { secrets, map } = fakeSecretStorage();
    await new SessionStore(secretStorageBackend(secrets)).write('emu', newStoredSession(environment, ' a.b.c\n', testOrg, 5));
    assert.deepEqual(JSON.parse(map.get('altinn.auth/emu')!), { version: 1, environment: binding, token: 'a.b.c', obtainedAt: 5, credentials: testOrg });
  });

  it('treats anything else as no session: never a half-read one that fails at renewal', () => {
    const good = { version: 1, environment: binding, token: 'a.b.c', obtainedAt: 1, credentials: testOrg };
    const bad: unknown[] = [
      'not json',
      'null',
      { ...good, version: 2 },
      { ...good, environment: undefined },
      { ...good, obtainedAt: '1' },
      { ...good, credentials: { method: 'password' } },
      { ...good, credentials: { method: 'maskinporten', clientId: 'c', scopes: 's' } },
      { ...good, credentials: { method: 'testUser', userId: '1337' } },
      { ...good, credentials: { method: 'testOrg', org: 'ttd', orgNumber: 405003309 } },
    ];
    for (const raw of bad) assert.equal(parseStoredSession(typeof raw === 'string' ? raw : JSON.stringify(raw)), undefined, JSON.stringify(raw));
    assert.equal(parseStoredSession(undefined), undefined);
  });
});

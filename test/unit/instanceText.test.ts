// "Which instance?": the one parser behind Go to instance and every command that asks for an instance
// (src/commands/instanceText.ts), and the recent list the palette commands offer (src/commands/recentInstances.ts).
import * as assert from 'node:assert/strict';
import type { Instance } from '../../src/api';
import { matchesGuid, parseInstanceText } from '../../src/api/instance-text';
import { MAX_RECENT, RecentInstances, type StateStore } from '../../src/commands/recentInstances';

const GUID = '5a2fa5ec-f97c-4816-b57a-dc78a981917e';
const APP = { org: 'ttd', app: 'building-permit' };

describe('parseInstanceText: an instance as people write it', () => {
  it('reads partyId/guid and org/app/partyId/guid, in any case', () => {
    assert.deepEqual(parseInstanceText(` 501337/${GUID.toUpperCase()} `), { kind: 'id', instanceId: `501337/${GUID}`, appId: undefined });
    assert.deepEqual(parseInstanceText(`ttd/building-permit/501337/${GUID}`), { kind: 'id', instanceId: `501337/${GUID}`, appId: APP });
  });

  it('reads a bare guid, and the short id the tree shows (a guid start of 8 or more characters)', () => {
    assert.deepEqual(parseInstanceText(GUID.toUpperCase()), { kind: 'guid', guid: GUID });
    assert.deepEqual(parseInstanceText('5A2FA5EC'), { kind: 'prefix', prefix: '5a2fa5ec' });
    assert.deepEqual(parseInstanceText('5a2fa5ec-f97c'), { kind: 'prefix', prefix: '5a2fa5ec-f97c' });
    assert.equal(parseInstanceText('5a2fa5e'), undefined, '7 characters match too much');
  });

  it('reads App API, app UI and Storage URLs', () => {
    // App API (docs/altinn-behaviour.md §1.2), also below a data element.
    assert.deepEqual(parseInstanceText(`https://ttd.apps.tt02.altinn.no/ttd/building-permit/instances/501337/${GUID}/data/x`), { kind: 'id', instanceId: `501337/${GUID}`, appId: APP });
    // The app's own UI: app-frontend's hash route /instance/{partyId}/{guid}/{task}/{page}
    // (Altinn/altinn-studio src/App/frontend/src/routesBuilder.ts; src/overview/links.ts browserUrl).
    assert.deepEqual(parseInstanceText(`https://ttd.apps.tt02.altinn.no/ttd/building-permit/#/instance/501337/${GUID}/Task_1/page1`), { kind: 'id', instanceId: `501337/${GUID}`, appId: APP });
    assert.deepEqual(parseInstanceText(`http://127.0.0.1:5101/ttd/building-permit#/instance/501337/${GUID}`), { kind: 'id', instanceId: `501337/${GUID}`, appId: APP });
    // Storage (docs/altinn-behaviour.md §2.2): no app in the path, and `api/v1` is not one.
    assert.deepEqual(parseInstanceText(`https://platform.tt02.altinn.no/storage/api/v1/instances/501337/${GUID}`), { kind: 'id', instanceId: `501337/${GUID}`, appId: undefined });
    assert.deepEqual(parseInstanceText(`https://platform.tt02.altinn.no/storage/api/v1/instances/${GUID}`), { kind: 'guid', guid: GUID, appId: undefined });
    // An editor's address (src/fs/dataUri.ts).
    assert.deepEqual(parseInstanceText(`altinn://tt02/ttd/building-permit/501337/${GUID}/${GUID}/model.xml`), { kind: 'id', instanceId: `501337/${GUID}`, appId: APP });
  });

  it('names nothing for text that is no instance', () => {
    for (const text of ['', '501337', '501337/not-a-guid', `0/${GUID}`, 'https://ttd.apps.tt02.altinn.no/ttd/building-permit/', 'hello world', `${GUID}x`]) {
      assert.equal(parseInstanceText(text), undefined, text);
    }
  });

  it('matches instance ids by whole id, guid or guid start', () => {
    const id = `501337/${GUID}`;
    assert.ok(matchesGuid(id, parseInstanceText('5a2fa5ec')!));
    assert.ok(matchesGuid(id, parseInstanceText(GUID)!));
    assert.ok(matchesGuid(id, parseInstanceText(id)!));
    assert.ok(!matchesGuid(id, parseInstanceText('5a2fa5ed')!));
    assert.ok(!matchesGuid(`501337/${GUID}`, parseInstanceText(`512345/${GUID}`)!));
  });
});

class MemoryState implements StateStore {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

function instance(n: number): Instance {
  return {
    id: `501337/${String(n).padStart(8, '0')}-f97c-4816-b57a-dc78a981917e`,
    appId: 'ttd/building-permit',
    org: 'ttd',
    instanceOwner: { partyId: '501337', personNumber: '01039012345' },
    process: { currentTask: { elementId: 'Task_1', name: 'Utfylling' } },
    data: [{ id: 'd', dataType: 'model' } as never],
    lastChanged: '2026-12-06T10:00:00Z',
  };
}

describe('RecentInstances', () => {
  it('lists newest first per environment, each instance once, at most MAX_RECENT', async () => {
    let clock = 0;
    const recent = new RecentInstances(new MemoryState(), () => ++clock);
    await recent.record('a', instance(1));
    await recent.record('b', instance(2));
    await recent.record('a', instance(3));
    await recent.record('a', instance(1));
    assert.deepEqual(recent.list('a').map((r) => r.instance.id), [instance(1).id, instance(3).id]);
    assert.deepEqual(recent.list().map((r) => r.envId), ['a', 'a', 'b']);
    for (let n = 10; n < 10 + MAX_RECENT + 5; n++) {
      await recent.record('a', instance(n));
    }
    assert.equal(recent.list().length, MAX_RECENT);
    await recent.forget('a', instance(10 + MAX_RECENT + 4).id);
    assert.equal(recent.list().length, MAX_RECENT - 1);
  });

  it('keeps what the rows show, without data elements or national identity numbers', async () => {
    const state = new MemoryState();
    await new RecentInstances(state).record('a', instance(1));
    const stored = JSON.stringify(state.values.get('altinn.recentInstances'));
    assert.ok(!stored.includes('01039012345'), stored);
    assert.ok(!stored.includes('"data"'), stored);
    const [kept] = new RecentInstances(state).list('a');
    assert.equal(kept.instance.process?.currentTask?.name, 'Utfylling');
    assert.equal(kept.instance.instanceOwner.partyId, '501337');
  });

  it('ignores stored entries it cannot read', () => {
    const state = new MemoryState();
    state.values.set('altinn.recentInstances', [{ envId: 'a' }, null, { envId: 'a', at: 1, instance: instance(1) }]);
    assert.deepEqual(new RecentInstances(state).list('a').map((r) => r.instance.id), [instance(1).id]);
  });
});

// instances.list: the lastChanged range paged in concurrent half-open windows (src/api/windowed-listing.ts),
// each instance exactly once, against the emulator's Storage paging (docs/altinn-behaviour.md §2.1).
import * as assert from 'node:assert/strict';
import { type Instance, listInWindows } from '../../src/api';
import type { Store } from '../emulator/store';
import type { InstanceRecord } from '../emulator/types';
import { isoTime } from '../emulator/util';
import { cachingProvider, clientFor, type Fixture, OWNER_SCOPES, startFixture, TTD_ORG_NUMBER } from './helpers';

const APP = 'ttd/income-report';

/**
 * The emulator's store itself: the set-up below needs many instances changed at one instant, which no
 * request can do (the emulator's clock never repeats a millisecond).
 */
function storeOf(fx: Fixture): Store {
  return fx.emulator.store as Store;
}

/** Moves a record to another lastChanged in every index, as a change in Storage would. */
function setLastChanged(store: Store, rec: InstanceRecord, ms: number): void {
  const w = rec.wire;
  const indexes = [store.index('all'), store.index(`app:${w.appId}`), store.index(`org:${w.org}`), store.index(`party:${w.instanceOwner.partyId}`)];
  for (const idx of indexes) idx.remove(rec);
  rec.lastChangedMs = ms;
  w.lastChanged = isoTime(ms);
  rec.storageJson = undefined;
  for (const idx of indexes) idx.insert(rec);
}

function appRecords(fx: Fixture, appId: string): InstanceRecord[] {
  const idx = storeOf(fx).index(`app:${appId}`);
  return Array.from({ length: idx.length }, (_, i) => idx.at(i));
}

async function collect(it: AsyncIterable<Instance>, each?: (i: Instance, n: number) => unknown): Promise<Instance[]> {
  const out: Instance[] = [];
  for await (const i of it) {
    out.push(i);
    await each?.(i, out.length);
  }
  return out;
}

function assertExactlyOnce(listed: Instance[], expected: Iterable<string>): void {
  const ids = listed.map((i) => i.id);
  const distinct = new Set(ids);
  assert.equal(ids.length, distinct.size, `${ids.length - distinct.size} instances repeated`);
  const want = new Set(expected);
  const missing = [...want].filter((id) => !distinct.has(id));
  assert.deepEqual(missing.slice(0, 5), [], `${missing.length} instances missing`);
  assert.equal(distinct.size, want.size);
}

function assertOrder(listed: Instance[], order: 'asc' | 'desc'): void {
  for (let i = 1; i < listed.length; i++) {
    const a = Date.parse(listed[i - 1].lastChanged!);
    const b = Date.parse(listed[i].lastChanged!);
    assert.ok(order === 'asc' ? a <= b : a >= b, `out of ${order} order at ${i}: ${listed[i - 1].lastChanged} then ${listed[i].lastChanged}`);
  }
}

describe('api: windowed listing over 100,000 instances', function () {
  this.timeout(300_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ instancesPerApp: 100_000 });
  });
  after(async () => fx?.close());

  it('lists every instance exactly once, newest change first, with pages requested concurrently', async () => {
    const expected = appRecords(fx, APP).map((r) => r.wire.id);
    assert.ok(expected.length >= 100_000);
    let inFlight = 0;
    let most = 0;
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'latency', latencyMs: 1 });
    const before = fx.logs.length;
    const counting = listInWindows(fx.owner.instances, { appId: APP, size: 1000, includeDataElements: false }, { concurrency: 8 });
    const timer = setInterval(() => {
      inFlight = fx.emulator.store.stats.requests - (fx.logs.length - before);
      most = Math.max(most, inFlight);
    }, 0);
    let listed: Instance[];
    try {
      listed = await collect(counting);
    } finally {
      clearInterval(timer);
      fx.emulator.faults.reset();
    }
    assertExactlyOnce(listed, expected);
    assertOrder(listed, 'desc');
    assert.ok(most > 1, `at most ${most} request(s) at a time`);
  });

  it('lists every instance exactly once oldest first, the order an export uses', async () => {
    const listed = await collect(listInWindows(fx.owner.instances, { appId: APP, size: 500, includeDataElements: false, order: 'asc' }));
    assertExactlyOnce(listed, appRecords(fx, APP).map((r) => r.wire.id));
    assertOrder(listed, 'asc');
  });

  it('keeps within the user\'s own lastChanged range, ends included as asked', async () => {
    const recs = appRecords(fx, APP);
    const from = recs[10_000].lastChangedMs;
    const to = recs[60_000].lastChangedMs;
    const expected = recs.filter((r) => r.lastChangedMs > from && r.lastChangedMs <= to).map((r) => r.wire.id);
    const listed = await collect(listInWindows(fx.owner.instances, { appId: APP, size: 1000, includeDataElements: false, lastChanged: { gt: isoTime(from), lte: isoTime(to) } }));
    assertExactlyOnce(listed, expected);
  });
});

describe('api: windowed listing while instances change and on ties', function () {
  this.timeout(120_000);
  let fx: Fixture;
  beforeEach(async () => {
    fx = await startFixture({ instancesPerApp: 3000 });
  });
  afterEach(async () => fx?.close());

  for (const order of ['desc', 'asc'] as const) {
    it(`${order}: an instance changed during the listing comes exactly once; what was untouched keeps its place`, async () => {
      const recs = appRecords(fx, APP);
      const expected = recs.map((r) => r.wire.id);
      // Oldest and newest instances, changed once the listing is under way: some before their window is read.
      const changing = [...recs.slice(0, 40), ...recs.slice(-40), ...recs.slice(1500, 1540)];
      const changedIds = new Set(changing.map((r) => r.wire.id));
      const newest = Math.max(...recs.map((r) => r.lastChangedMs));
      // A little latency, so that windows are still unread when the first instances come out.
      fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'latency', latencyMs: 5 });
      const listed = await collect(listInWindows(fx.owner.instances, { appId: APP, size: 50, includeDataElements: false, order }, { concurrency: 4 }), (_, n) => {
        // Real changes over the App API, while the listing's windows are being read.
        if (n === 1) return Promise.all(changing.map((r) => fx.owner.instances.setSubstatus({ appId: APP, id: r.wire.id }, { label: 'changed' })));
      });
      assertExactlyOnce(listed, expected);
      assert.ok(listed.some((i) => changedIds.has(i.id) && Date.parse(i.lastChanged!) > newest), 'some come as changed');
      const untouched = listed.filter((i) => !changedIds.has(i.id));
      assertOrder(untouched, order);
    });
  }

  it('an instance created during the listing may come, but never twice', async () => {
    const recs = appRecords(fx, APP);
    const listed = await collect(listInWindows(fx.owner.instances, { appId: APP, size: 100, includeDataElements: false }), (_, n) => {
      if (n === 10) return fx.owner.instances.create(APP, { owner: { partyId: 501337 } });
    });
    const ids = listed.map((i) => i.id);
    assert.equal(ids.length, new Set(ids).size);
    for (const r of recs) assert.ok(ids.includes(r.wire.id));
  });

  it('many instances sharing one lastChanged: each once in both orders, where sequential newest-first paging loses some', async () => {
    const recs = appRecords(fx, APP);
    const tieMs = recs[1000].lastChangedMs;
    for (const rec of recs.slice(200, 1200)) setLastChanged(storeOf(fx), rec, tieMs);
    const expected = appRecords(fx, APP).map((r) => r.wire.id);
    const filter = { appId: APP, size: 100, includeDataElements: false };

    // The premise: Storage's own newest-first continuation skips part of the tie (docs/altinn-behaviour.md §2.1).
    const sequential = await collect(fx.owner.instances.iterate(filter));
    assert.ok(new Set(sequential.map((i) => i.id)).size < expected.length, 'sequential newest-first paging loses tied instances');

    const desc = await collect(listInWindows(fx.owner.instances, filter));
    assertExactlyOnce(desc, expected);
    assertOrder(desc, 'desc');
    const asc = await collect(listInWindows(fx.owner.instances, { ...filter, order: 'asc' }, { concurrency: 3, windows: 50 }));
    assertExactlyOnce(asc, expected);
    assertOrder(asc, 'asc');
    // Within the tie, Storage's order (lowest row id first) in both directions.
    const tiedDesc = desc.filter((i) => Date.parse(i.lastChanged!) === tieMs).map((i) => i.id);
    const tiedAsc = asc.filter((i) => Date.parse(i.lastChanged!) === tieMs).map((i) => i.id);
    assert.equal(tiedDesc.length, 1000);
    assert.deepEqual(tiedDesc, tiedAsc);
  });

  it('every instance is tied: one window, paged exactly', async () => {
    const recs = appRecords(fx, APP);
    for (const rec of recs) setLastChanged(storeOf(fx), rec, recs[0].lastChangedMs);
    assertExactlyOnce(await collect(listInWindows(fx.owner.instances, { appId: APP, size: 70, includeDataElements: false })), recs.map((r) => r.wire.id));
  });

  it('splits a window where instances bunch up in time, so that their pages are read concurrently too', async () => {
    // The 3,000 generated instances are a minute apart, the 20 seeded ones weeks later: cut evenly in time,
    // nearly all of them fall into one window.
    const intervals: { start: number; end: number }[] = [];
    const client = clientFor(fx, cachingProvider(() => fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES })), {
      onRequest: (log) => intervals.push({ start: performance.now() - log.durationMs, end: performance.now() }),
    });
    await client.instances.query({ appId: APP, size: 1 });
    intervals.length = 0;
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'latency', latencyMs: 10 });
    const listed = await collect(listInWindows(client.instances, { appId: APP, size: 100, includeDataElements: false }, { concurrency: 4 }));
    assertExactlyOnce(listed, appRecords(fx, APP).map((r) => r.wire.id));
    // After the probes and the first four windows, how many requests were ever in flight at once.
    const later = intervals.slice(6);
    const overlap = Math.max(...later.map((a) => later.filter((b) => b.start < a.end && a.start < b.end).length));
    assert.ok(overlap >= 3, `at most ${overlap} request(s) at a time after the first windows`);
  });

  it('stops its requests when the caller stops reading', async () => {
    const before = fx.emulator.store.stats.requests;
    let n = 0;
    for await (const _ of listInWindows(fx.owner.instances, { appId: APP, size: 10, includeDataElements: false }, { concurrency: 2 })) if (++n === 5) break;
    await new Promise((r) => setTimeout(r, 50));
    const made = fx.emulator.store.stats.requests - before;
    assert.ok(made < 20, `${made} requests for 5 instances`);
  });

  it('an error in any window ends the listing with that error', async () => {
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 400, times: 1 });
    // The first probe is the one that fails here; a later one is checked in the window test below.
    await assert.rejects(collect(listInWindows(fx.owner.instances, { appId: APP, size: 100, includeDataElements: false })));
    fx.emulator.faults.reset();
    let calls = 0;
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'latency', latencyMs: 0 });
    const listing = collect(listInWindows(fx.owner.instances, { appId: APP, size: 100, includeDataElements: false }), () => {
      if (++calls === 1) fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 400, times: 1 });
    });
    await assert.rejects(listing);
  });
});

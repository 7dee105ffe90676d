// Paging through 10,000 instances of one app with the continuation token from `next` (docs/altinn-behaviour.md §2.1).
import * as assert from 'node:assert/strict';
import { type Fixture, startFixture } from './helpers';

const APP = 'ttd/income-report';

describe('api: paging through 10,000 instances', function () {
  this.timeout(120_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture({ instancesPerApp: 10_000 });
  });
  after(async () => fx?.close());

  it('iterates every instance once, newest change first, over full pages', async () => {
    const expected = fx.emulator.store.countInstances(APP);
    assert.ok(expected >= 10_000, `emulator holds ${expected}`);
    const ids = new Set<string>();
    const pageSizes: number[] = [];
    let previous = Number.POSITIVE_INFINITY;
    let ordered = true;
    for await (const page of fx.owner.instances.pages({ appId: APP, size: 1000, includeDataElements: false })) {
      pageSizes.push(page.instances.length);
      assert.equal(page.count, page.instances.length);
      for (const i of page.instances) {
        ids.add(i.id);
        const t = Date.parse(i.lastChanged!);
        if (t > previous) ordered = false;
        previous = t;
      }
    }
    assert.equal(ids.size, expected, 'every instance exactly once');
    assert.equal(pageSizes.reduce((a, b) => a + b, 0), expected, 'no duplicates across pages');
    assert.ok(ordered, 'default order is lastChanged descending');
    assert.ok(pageSizes.slice(0, -1).every((n) => n === 1000), pageSizes.join(','));
  });

  it('iterates ascending with the async iterator and matches the store', async () => {
    const seen: string[] = [];
    let previous = Number.NEGATIVE_INFINITY;
    for await (const i of fx.owner.instances.iterate({ appId: APP, size: 2500, order: 'asc', includeDataElements: false })) {
      const t = Date.parse(i.lastChanged!);
      assert.ok(t >= previous, 'ascending lastChanged');
      previous = t;
      seen.push(i.id);
    }
    const storeIds = fx.emulator.store.listInstances(APP).map((i) => i.id);
    assert.equal(seen.length, storeIds.length);
    assert.deepEqual(new Set(seen), new Set(storeIds));
  });

  it('one page gives a next link only when it is full', async () => {
    const full = await fx.owner.instances.query({ appId: APP, size: 100 });
    assert.equal(full.instances.length, 100);
    assert.ok(full.next, 'a full page has next');
    const token = new URL(full.next).searchParams.get('continuationToken');
    assert.ok(token);
    const second = await fx.owner.instances.query({ appId: APP, size: 100, continuationToken: token });
    assert.equal(second.instances.length, 100);
    assert.ok(!second.instances.some((i) => full.instances.some((j) => j.id === i.id)));
    const few = await fx.owner.instances.query({ appId: 'ttd/building-permit', currentTask: 'Task_1', instanceOwnerPartyId: 512345, size: 10_000 });
    assert.equal(few.next, undefined);
  });
});

describe('api: paging through instances that share a lastChanged', () => {
  let fx: Fixture;
  before(async () => {
    // The two ttd apps' instances change at the same moments, so `org=ttd` pages across ties.
    fx = await startFixture({ instancesPerApp: 6 });
  });
  after(async () => fx?.close());

  it('iterate yields an instance Storage repeats across pages only once', async () => {
    // readinstancefromquery.sql: ORDER BY lastChanged DESC, id but continued with `id < last id` (docs/altinn-behaviour.md §2.1).
    const raw: string[] = [];
    for await (const page of fx.owner.instances.pages({ org: 'ttd', size: 2, includeDataElements: false })) raw.push(...page.instances.map((i) => i.id));
    assert.ok(raw.length > new Set(raw).size, 'Storage repeats a tie at a page edge (the premise)');

    const ids: string[] = [];
    for await (const i of fx.owner.instances.iterate({ org: 'ttd', size: 2, includeDataElements: false })) ids.push(i.id);
    assert.equal(ids.length, new Set(ids).size, 'no instance twice');
    assert.deepEqual(ids, [...new Set(raw)], 'in the order Storage gave them');
  });

  it('a user page emptied by authorisation still has next, and paging goes on past it', async () => {
    // InstancesController.ExecuteQueryAndBuildResponse: AuthorizeInstances after the repository made the token.
    const other = { appId: 'ttd/building-permit', instanceOwnerPartyId: 512345, size: 2 };
    const first = await fx.user.instances.query(other);
    assert.deepEqual(first.instances, []);
    assert.ok(first.next);
    let pages = 0;
    let found = 0;
    for await (const page of fx.user.instances.pages(other)) {
      pages++;
      found += page.instances.length;
    }
    assert.ok(pages > 2, `followed ${pages} pages`);
    assert.equal(found, 0);
  });
});

// Hard-deleted instances (docs/altinn-behaviour.md §2.1): Storage lists them to service owners only
// (Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs ApplyHardDeleteFilter,
// src/Storage/Helpers/ClaimsPrincipalExtensions.cs HasServiceOwnerScope); the tree's query asks for them on purpose only.
import * as assert from 'node:assert/strict';
import type { Instance } from '../../src/api';
import { fetchInstancePage } from '../../src/tree/instanceQuery';
import { BUILDING_PERMIT, clientFor, type Fixture, OWNER_SCOPES, startFixture, TTD_ORG_NUMBER, USER_PARTY } from './helpers';

describe('api: hard-deleted instances', () => {
  let fx: Fixture;
  let deleted: Instance;
  before(async () => {
    fx = await startFixture();
    const created = await fx.user.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    deleted = await fx.user.instances.delete(created, { hard: true });
  });
  after(async () => fx?.close());

  /** A service owner as Maskinporten's exchange signs one in: the scopes in the `scope` claim. */
  const serviceOwner = () => clientFor(fx, async () => fx.emulator.issueToken({
    'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': TTD_ORG_NUMBER, 'urn:altinn:authlevel': 3, 'urn:altinn:authenticatemethod': 'maskinporten', scope: OWNER_SCOPES,
  }));

  it('Storage lists them to a service owner, with both delete flags', async () => {
    assert.equal(deleted.status?.isHardDeleted, true);
    const page = await serviceOwner().instances.query({ appId: BUILDING_PERMIT, size: 1000 });
    const found = page.instances.find((i) => i.id === deleted.id);
    assert.ok(found, 'listed without asking');
    assert.equal(found.status?.isSoftDeleted, true);
    assert.ok(found.status?.hardDeleted);
    const users = await fx.user.instances.query({ appId: BUILDING_PERMIT, instanceOwnerPartyId: USER_PARTY, size: 1000, isHardDeleted: true });
    assert.deepEqual(users.instances, [], 'never to a user, even when asked');
  });

  it("the tree's query leaves them out unless its state filter asks for them", async () => {
    const client = serviceOwner();
    const all = await fetchInstancePage(client, { appId: { org: 'ttd', app: 'building-permit' }, filter: {}, size: 1000 });
    assert.ok(all.instances.length > 0);
    assert.ok(!all.instances.some((i) => i.status?.isHardDeleted), 'no hard-deleted instance by default');
    const softOnly = await fetchInstancePage(client, { appId: { org: 'ttd', app: 'building-permit' }, filter: { state: 'deleted' }, size: 1000 });
    assert.ok(softOnly.instances.length > 0 && softOnly.instances.every((i) => i.status?.isSoftDeleted && !i.status.isHardDeleted));
    const hard = await fetchInstancePage(client, { appId: { org: 'ttd', app: 'building-permit' }, filter: { state: 'deletedPermanently' }, size: 1000 });
    assert.deepEqual(hard.instances.map((i) => i.id), [deleted.id]);
  });
});

import * as assert from 'node:assert/strict';
import { AltinnApiError, AltinnInputError } from '../../src/api';
import { BUILDING_PERMIT, cachingProvider, clientFor, type Fixture, requestCount, startFixture, TTD_ORG_NUMBER, USER_PARTY, ORG_PARTY } from './helpers';

describe('api: applications', function () {
  this.timeout(30_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => fx?.close());

  it('lists all applications and one organisation’s', async () => {
    const all = await fx.owner.apps.list();
    const ids = all.map((a) => a.id).sort();
    for (const id of ['digdir/photo-contest', 'digdir/simple-form', 'ttd/building-permit', 'ttd/income-report']) assert.ok(ids.includes(id), id);
    const digdir = await fx.user.apps.list('digdir');
    assert.deepEqual(digdir.map((a) => a.id).sort(), ['digdir/photo-contest', 'digdir/simple-form']);
  });

  it('gets an application and its app metadata with data types', async () => {
    const app = await fx.owner.apps.get(BUILDING_PERMIT);
    assert.equal(app.title?.nb, 'Byggesøknad');
    const meta = await fx.owner.apps.metadata(BUILDING_PERMIT);
    assert.equal(meta.id, BUILDING_PERMIT);
    const model = meta.dataTypes.find((d) => d.id === 'model');
    assert.ok(model?.appLogic?.classRef, 'model has a classRef');
    const drawing = meta.dataTypes.find((d) => d.id === 'drawing');
    assert.deepEqual([...(drawing?.allowedContentTypes ?? [])].sort(), ['application/pdf', 'image/png']);
    assert.equal(drawing?.maxSize, 10);
  });

  it('reads the process definition (BPMN XML) and texts', async () => {
    const bpmn = await fx.owner.apps.processDefinition(BUILDING_PERMIT);
    assert.match(bpmn, /Task_1/);
    assert.match(bpmn, /Task_2/);
    const texts = await fx.user.apps.texts(BUILDING_PERMIT, 'nb');
    assert.ok(Array.isArray(texts.resources));
  });

  it('lists the parties a user may represent from the App API, sub-units after their main unit', async () => {
    // docs/altinn-behaviour.md §3: GET {org}/{app}/api/v1/parties, not the platform-internal /authorization/api/v1/parties.
    const logs = fx.logs.length;
    const parties = await fx.user.apps.parties(BUILDING_PERMIT);
    assert.deepEqual(parties.map((p) => p.partyId), [USER_PARTY, ORG_PARTY, 500001]);
    assert.deepEqual(parties[2].mainUnit, { partyId: ORG_PARTY, name: 'DDG Fitness AS' });
    assert.ok(parties.every((p) => !('childParties' in p)), 'flattened');
    const urls = fx.logs.slice(logs).map((l) => l.url);
    assert.deepEqual(urls.map((u) => new URL(u).pathname), ['/ttd/building-permit/api/v1/parties']);
    assert.match(urls[0], /allowedToInstantiateFilter=false/);
  });

  it('leaves out a main unit the user may not act for, but keeps its sub-unit', async () => {
    // Kari (1001) has rights for sub-unit 500801 only; its main unit 500800 comes with onlyHierarchyElementWithNoAccess.
    const kari = clientFor(fx, cachingProvider(() => fx.auth.testUserToken(1001)));
    const parties = await kari.apps.parties(BUILDING_PERMIT);
    assert.deepEqual(parties.map((p) => p.partyId), [510001, 500600, 500801]);
    assert.equal(parties[2].mainUnit?.partyId, 500800);
  });

  it('asks for the parties allowed to instantiate the app when told to', async () => {
    // digdir/photo-contest allows persons only (partyTypesAllowed), so the organisation and its sub-unit drop out.
    const parties = await fx.user.apps.parties('digdir/photo-contest', { allowedToInstantiate: true });
    assert.deepEqual(parties.map((p) => p.partyId), [USER_PARTY]);
    const all = await fx.user.apps.parties('digdir/photo-contest');
    assert.equal(all.length, 3);
  });

  it("gives a service owner the owner's own party", async () => {
    const parties = await fx.owner.apps.parties(BUILDING_PERMIT);
    assert.deepEqual(parties.map((p) => [p.partyId, p.orgNumber]), [[500005, TTD_ORG_NUMBER]]);
  });

  it('answers an unknown app with an AltinnApiError', async () => {
    await assert.rejects(fx.owner.apps.get('ttd/no-such-app'), (e: unknown) => e instanceof AltinnApiError && e.status === 404);
  });

  it('rejects malformed app ids and languages before any request', async () => {
    const before = requestCount(fx);
    await assert.rejects(fx.owner.apps.get('ttd/../storage'), AltinnInputError);
    await assert.rejects(fx.owner.apps.metadata('ttd'), AltinnInputError);
    await assert.rejects(fx.owner.apps.texts(BUILDING_PERMIT, '../x'), AltinnInputError);
    await assert.rejects(fx.owner.apps.list('t d'), AltinnInputError);
    await assert.rejects(fx.user.apps.parties('x'), AltinnInputError);
    await assert.rejects(fx.user.apps.parties('ttd/../x'), AltinnInputError);
    assert.equal(requestCount(fx), before);
  });
});

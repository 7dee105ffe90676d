import * as assert from 'node:assert/strict';
import { AltinnApiError, AltinnInputError } from '../../src/api';
import { BUILDING_PERMIT, type Fixture, requestCount, startFixture, USER_ID, USER_PARTY, ORG_PARTY } from './helpers';

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

  it('lists the parties a user may represent', async () => {
    const parties = await fx.user.apps.parties(USER_ID);
    const ids = parties.flatMap((p) => [p.partyId, ...(p.childParties ?? []).map((c) => c.partyId)]);
    assert.ok(ids.includes(USER_PARTY), JSON.stringify(ids));
    assert.ok(ids.includes(ORG_PARTY), JSON.stringify(ids));
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
    assert.equal(requestCount(fx), before);
  });
});

// The app owner's tasks (service owner `ttd` with serviceowner scopes): search an app's instances by
// status or owner, create, upload form data and attachments, download, move the process, confirm complete.
import * as assert from 'node:assert/strict';
import { AltinnApiError, parseInstanceId } from '../../src/api';
import { BUILDING_PERMIT, buildingPermitXml, type Fixture, INCOME_REPORT, PDF_BYTES, startFixture, USER_PARTY, USER_SSN, ORG_PARTY, ORG_PARTY_NUMBER } from './helpers';

describe('api: app owner tasks', function () {
  this.timeout(60_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => fx?.close());

  it('searches an app’s instances by status', async () => {
    const inTask1 = await fx.owner.instances.query({ appId: BUILDING_PERMIT, currentTask: 'Task_1' });
    assert.ok(inTask1.instances.length > 0);
    assert.ok(inTask1.instances.every((i) => i.process?.currentTask?.elementId === 'Task_1'));
    const complete = await fx.owner.instances.query({ appId: BUILDING_PERMIT, isComplete: true });
    assert.ok(complete.instances.length > 0, 'the seed has ended instances');
    assert.ok(complete.instances.every((i) => !!i.process?.ended && !i.process?.currentTask));
    const archived = await fx.owner.instances.query({ appId: BUILDING_PERMIT, isArchived: true });
    assert.ok(archived.instances.length > 0, 'the seed has archived instances');
    assert.ok(archived.instances.every((i) => i.status?.isArchived === true));
    const deleted = await fx.owner.instances.query({ appId: BUILDING_PERMIT, isSoftDeleted: true });
    assert.ok(deleted.instances.length > 0, 'the seed has soft-deleted instances');
    assert.ok(deleted.instances.every((i) => i.status?.isSoftDeleted === true));
    const notConfirmed = await fx.owner.instances.query({ appId: BUILDING_PERMIT, excludeConfirmedBy: 'ttd' });
    assert.ok(notConfirmed.instances.length > 0);
    assert.ok(notConfirmed.instances.every((i) => !(i.completeConfirmations ?? []).some((c) => c.stakeholderId === 'ttd')));
    // Storage wire form: readStatus is a name, partyId a string (docs/altinn-behaviour.md §2).
    for (const i of inTask1.instances) {
      assert.equal(typeof i.instanceOwner.partyId, 'string');
      if (i.status?.readStatus !== undefined) assert.ok(['Unread', 'Read', 'UpdatedSinceLastReview'].includes(i.status.readStatus));
    }
  });

  it('searches by owner: party id, person number and date ranges', async () => {
    const byParty = await fx.owner.instances.query({ appId: BUILDING_PERMIT, instanceOwnerPartyId: USER_PARTY });
    assert.ok(byParty.instances.length > 0);
    assert.ok(byParty.instances.every((i) => i.instanceOwner.partyId === String(USER_PARTY)));
    const bySsn = await fx.owner.instances.query({ appId: BUILDING_PERMIT, instanceOwner: { personNumber: USER_SSN } });
    assert.deepEqual(bySsn.instances.map((i) => i.id).sort(), byParty.instances.map((i) => i.id).sort());
    const all = await fx.owner.instances.query({ appId: BUILDING_PERMIT, size: 1000 });
    const times = all.instances.map((i) => i.lastChanged!).sort();
    const mid = times[Math.floor(times.length / 2)];
    const newer = await fx.owner.instances.query({ appId: BUILDING_PERMIT, lastChanged: { gte: mid }, size: 1000 });
    const older = await fx.owner.instances.query({ appId: BUILDING_PERMIT, lastChanged: { lt: mid }, size: 1000 });
    assert.equal(newer.instances.length + older.instances.length, all.instances.length);
    assert.ok(newer.instances.every((i) => Date.parse(i.lastChanged!) >= Date.parse(mid)));
  });

  it('creates instances for a party id, a person number and an organisation number', async () => {
    const created = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY }, dueBefore: '2031-01-01T00:00:00Z' });
    assert.equal(created.appId, BUILDING_PERMIT);
    assert.equal(created.instanceOwner.partyId, String(USER_PARTY));
    assert.equal(created.process?.currentTask?.elementId, 'Task_1');
    assert.doesNotThrow(() => parseInstanceId(created.id));
    const bySsn = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { personNumber: USER_SSN } });
    assert.equal(bySsn.instanceOwner.partyId, String(USER_PARTY));
    const byOrg = await fx.owner.instances.create(INCOME_REPORT, { owner: { organisationNumber: ORG_PARTY_NUMBER } });
    assert.equal(byOrg.instanceOwner.partyId, String(ORG_PARTY));
    const again = await fx.owner.instances.get(created.id);
    assert.equal(again.id, created.id);
    assert.equal(again.dueBefore?.slice(0, 10), '2031-01-01');
  });

  it('creates with prefill and with initial data parts (multipart)', async () => {
    const prefilled = await fx.owner.instances.createWithPrefill(BUILDING_PERMIT, { owner: { partyId: USER_PARTY }, prefill: { applicant: 'Prefilled Person' } });
    const model = prefilled.data?.find((d) => d.dataType === 'model');
    assert.ok(model, 'prefill creates the form data element');
    const data = (await fx.owner.data.getFormData(prefilled, model.id, 'json')) as Record<string, unknown>;
    assert.equal(data.applicant, 'Prefilled Person');
    const multipart = await fx.owner.instances.create(BUILDING_PERMIT, {
      owner: { partyId: USER_PARTY },
      parts: [{ dataType: 'model', contentType: 'application/xml', body: buildingPermitXml('Multipart Applicant') }],
    });
    const m = multipart.data?.find((d) => d.dataType === 'model');
    assert.ok(m);
    const xml = await fx.owner.data.getFormData(multipart, m.id, 'xml');
    assert.match(xml, /<applicant>Multipart Applicant<\/applicant>/);
  });

  it('uploads form data and an attachment, downloads them, lists the data elements', async () => {
    // An instance of its own: this test must not depend on another having run first.
    const created = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    const model = created.data?.find((d) => d.dataType === 'model');
    assert.ok(model, 'the new instance has its form data element');
    const replaced = await fx.owner.data.replace(created, model.id, buildingPermitXml('Kari Nordmann'), { contentType: 'application/xml' });
    assert.equal(replaced.id, model.id);
    const json = (await fx.owner.data.getFormData(created, model.id, 'json')) as Record<string, unknown>;
    assert.equal(json.applicant, 'Kari Nordmann');

    const upload = await fx.owner.data.upload(created, 'drawing', PDF_BYTES, { filename: 'Tegning 1.pdf' });
    assert.equal(upload.dataElement.dataType, 'drawing');
    assert.equal(upload.dataElement.contentType, 'application/pdf');
    assert.equal(upload.dataElement.filename, 'Tegning 1.pdf');
    const bytes = await fx.owner.data.download(created, upload.dataElement.id);
    assert.deepEqual(Buffer.from(bytes), PDF_BYTES);
    assert.equal(bytes.contentType?.split(';')[0], 'application/pdf');
    assert.equal(bytes.filename, 'Tegning 1.pdf');
    const list = await fx.owner.data.list(created);
    assert.ok(list.some((d) => d.id === upload.dataElement.id));
    const removed = await fx.owner.data.delete(created, upload.dataElement.id);
    assert.ok(!(removed.instance?.data ?? []).some((d) => d.id === upload.dataElement.id));
  });

  it('reports validation issues when the process cannot move on, and moves it when valid', async () => {
    const fresh = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    // Seed contract: moving on from Task_1 with an empty applicant → 409 with validationIssues.
    const error = await fx.owner.process.next(fresh).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError, String(error));
    assert.equal(error.status, 409);
    assert.ok((error.validationIssues ?? []).length > 0);
    assert.match(error.message, /\(409\)$/);
    assert.equal((await fx.owner.instances.get(fresh)).process?.currentTask?.elementId, 'Task_1');

    // docs/altinn-behaviour.md §1.4: start on a started process is a 409.
    const started = await fx.owner.process.start(fresh).then(() => undefined, (e: unknown) => e);
    assert.ok(started instanceof AltinnApiError && started.status === 409, String(started));
    assert.equal(started.message, 'The process has already started (409)');

    const issues = await fx.owner.instances.validate(fresh);
    assert.ok(issues.some((i) => i.severity === 1));

    const model = fresh.data!.find((d) => d.dataType === 'model')!;
    await fx.owner.data.replace(fresh, model.id, buildingPermitXml('Ola Nordmann'), { contentType: 'application/xml' });
    const toTask2 = await fx.owner.process.next(fresh);
    assert.equal(toTask2.currentTask?.elementId, 'Task_2');
    const state = await fx.owner.process.get(fresh);
    assert.equal(state.currentTask?.elementId, 'Task_2');
    const ended = await fx.owner.process.next(fresh, { action: 'confirm' });
    assert.ok(ended.ended && ended.endEvent, JSON.stringify(ended));
    const history = await fx.owner.process.history(fresh);
    const types = history.processHistory.map((h) => h.eventType);
    assert.ok(types.includes('process_StartEvent') && types.includes('process_EndEvent'), types.join(','));

    // After the end the instance is archived and its data locked (docs/altinn-behaviour.md §1.3).
    const done = await fx.owner.instances.get(fresh);
    assert.equal(done.status?.isArchived, true);
    const late = await fx.owner.data.upload(done, 'drawing', PDF_BYTES, { filename: 'late.pdf' }).then(() => undefined, (e: unknown) => e);
    assert.ok(late instanceof AltinnApiError && late.status === 409, String(late));
    assert.equal(late.message, 'Instance is archived: its data can no longer change (409)');

    const confirmed = await fx.owner.instances.complete(done);
    assert.ok(confirmed.completeConfirmations?.some((c) => c.stakeholderId === 'ttd'));
    const unconfirmed = await fx.owner.instances.query({ appId: BUILDING_PERMIT, excludeConfirmedBy: 'ttd', size: 1000 });
    assert.ok(!unconfirmed.instances.some((i) => i.id === done.id));
  });

  it('sets a substatus, reads instance events, deletes soft and hard', async () => {
    const inst = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    const withSub = await fx.owner.instances.setSubstatus(inst, { label: 'under-review', description: 'Being checked' });
    assert.equal(withSub.status?.substatus?.label, 'under-review');
    const events = await fx.owner.instances.events(inst);
    assert.ok(events.some((e) => e.eventType === 'Created'), events.map((e) => e.eventType).join(','));
    const soft = await fx.owner.instances.delete(inst);
    assert.equal(soft.status?.isSoftDeleted, true);
    const inst2 = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    const hard = await fx.owner.instances.delete(inst2, { hard: true });
    assert.equal(hard.status?.isHardDeleted, true);
  });

  it('restores a soft-deleted instance; a permanently deleted one is refused in words', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/MessageboxInstancesController.cs Undelete (docs/altinn-behaviour.md §2.2)
    const inst = await fx.user.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    await fx.user.instances.delete(inst);
    const restored = await fx.user.instances.restore(inst);
    assert.equal(restored.status?.isSoftDeleted, false);
    assert.equal(restored.status?.softDeleted, undefined);
    assert.equal(fx.emulator.store.getInstance(inst.id)?.status?.isSoftDeleted, false);
    assert.equal((await fx.owner.instances.events(inst, { eventTypes: ['Undeleted'] })).length, 1);

    const gone = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    await fx.owner.instances.delete(gone, { hard: true });
    const refused = await fx.owner.instances.restore(gone).then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof AltinnApiError && refused.status === 404, String(refused));
    assert.match(refused.message, /permanently deleted and cannot be restored/);
  });

  it('reads app events page by page through the next header', async () => {
    const first = await fx.owner.events.app(BUILDING_PERMIT, { from: '2000-01-01T00:00:00Z', size: 3 });
    assert.equal(first.events.length, 3);
    assert.ok(first.next?.after, 'a full page carries next');
    const all: string[] = [];
    for await (const e of fx.owner.events.iterateApp(BUILDING_PERMIT, { from: '2000-01-01T00:00:00Z', size: 7 })) all.push(e.id);
    assert.equal(new Set(all).size, all.length, 'no event twice');
    assert.equal(all.length, fx.emulator.store.appEvents(BUILDING_PERMIT).length);
    assert.deepEqual(all.slice(0, 3), first.events.map((e) => e.id));
    // Only org tokens may read app events (docs/altinn-behaviour.md §4).
    await assert.rejects(fx.user.events.app(BUILDING_PERMIT, { from: '2000-01-01T00:00:00Z' }), (e: unknown) => e instanceof AltinnApiError && e.status === 401);
  });
});

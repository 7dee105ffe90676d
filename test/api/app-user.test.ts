// The app user's tasks (user 1337, Sophie Salt, party 501337, may represent party 500000): search own
// and represented parties' instances, create, upload, download, move the process, see status.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { AltinnApiError, AltinnInputError } from '../../src/api';
import { buildingPermitXml, type Fixture, INCOME_REPORT, ORG_PARTY, PDF_BYTES, PNG_BYTES, requestCount, startFixture, USER_PARTY, BUILDING_PERMIT } from './helpers';

describe('api: app user tasks', function () {
  this.timeout(60_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => fx?.close());

  it('searches the instances of its own party and of a party it represents', async () => {
    const own = await fx.user.instances.query({ instanceOwnerPartyId: USER_PARTY });
    assert.ok(own.instances.length > 0);
    assert.ok(own.instances.every((i) => i.instanceOwner.partyId === String(USER_PARTY)));
    const represented = await fx.user.instances.query({ instanceOwnerPartyId: ORG_PARTY });
    assert.ok(represented.instances.length > 0, 'the seed has instances of DDG Fitness AS');
    assert.ok(represented.instances.every((i) => i.instanceOwner.partyId === String(ORG_PARTY)));
    const ownApp = await fx.user.instances.query({ instanceOwnerPartyId: USER_PARTY, appId: BUILDING_PERMIT, isArchived: false, isSoftDeleted: false });
    assert.ok(ownApp.instances.every((i) => i.appId === BUILDING_PERMIT && !i.status?.isArchived));
  });

  it('may not see another person’s instances', async () => {
    const other = await fx.user.instances.query({ instanceOwnerPartyId: 512345 }).then((r) => r.instances.length, (e: unknown) => e);
    assert.ok(other === 0 || (other instanceof AltinnApiError && other.status === 403), String(other));
  });

  it('creates an instance, fills it in, attaches a file, moves the process and sees the status', async () => {
    const inst = await fx.user.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    assert.equal(inst.process?.currentTask?.elementId, 'Task_1');
    const active = await fx.user.instances.active(BUILDING_PERMIT, USER_PARTY);
    assert.ok(active.some((a) => a.id === inst.id));

    const model = inst.data!.find((d) => d.dataType === 'model')!;
    await fx.user.data.replace(inst, model.id, buildingPermitXml('Sophie Salt'), { contentType: 'application/xml' });
    const attachment = await fx.user.data.upload(inst, 'drawing', PNG_BYTES, { filename: 'Fasade øst.png' });
    assert.equal(attachment.dataElement.filename, 'Fasade øst.png');
    assert.equal(attachment.dataElement.contentType, 'image/png');
    const back = await fx.user.data.download(inst, attachment.dataElement.id);
    assert.deepEqual(Buffer.from(back), PNG_BYTES);

    const next = await fx.user.process.next(inst);
    assert.equal(next.currentTask?.elementId, 'Task_2');
    const status = await fx.user.instances.get(inst);
    assert.equal(status.process?.currentTask?.elementId, 'Task_2');
    // Task_1's data is locked once the task ends (docs/altinn-behaviour.md §1.3).
    assert.equal(status.data?.find((d) => d.id === model.id)?.locked, true);
    const end = await fx.user.process.next(inst);
    assert.ok(end.ended);
    const final = await fx.user.instances.get(inst);
    assert.equal(final.status?.isArchived, true);
    assert.ok(final.process?.endEvent);
  });

  it('creates for the organisation it represents and signs with a process action', async () => {
    const inst = await fx.user.instances.create(INCOME_REPORT, { owner: { partyId: ORG_PARTY } });
    assert.equal(inst.instanceOwner.partyId, String(ORG_PARTY));
    const report = inst.data?.find((d) => d.dataType === 'report');
    if (report) {
      await fx.user.data.replace(inst, report.id, '<?xml version="1.0"?><IncomeReport><income>1000</income></IncomeReport>', { contentType: 'application/xml' });
    }
    await fx.user.data.upload(inst, 'metadata', Buffer.from('{"source":"test"}'), { filename: 'metadata.json', contentType: 'application/json' });
    const toSigning = await fx.user.process.next(inst);
    assert.equal(toSigning.currentTask?.elementId, 'Task_2');
    assert.equal(toSigning.currentTask?.altinnTaskType, 'signing');
    const actions = toSigning.currentTask?.userActions?.map((a) => a.id) ?? Object.keys(toSigning.currentTask?.actions ?? {});
    assert.ok(actions.includes('sign'), JSON.stringify(toSigning.currentTask));
    const signed = await fx.user.process.next(inst, { action: 'sign' });
    assert.ok(signed.ended, JSON.stringify(signed));
  });

  it('streams a large upload from a Readable, replaces an attachment, and hears the size limit', async () => {
    const inst = await fx.user.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    const size = 3 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const body = Readable.from((function* () {
      yield PDF_BYTES;
      for (let sent = PDF_BYTES.length; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent));
    })());
    const up = await fx.user.data.upload(inst, 'drawing', body, { filename: 'plan.pdf', size });
    assert.equal(up.dataElement.size, size);
    const replaced = await fx.user.data.replace(inst, up.dataElement.id, PNG_BYTES, { contentType: 'image/png', filename: 'plan.png' });
    assert.equal(replaced.contentType, 'image/png');
    assert.deepEqual(Buffer.from(await fx.user.data.download(inst, up.dataElement.id)), PNG_BYTES);
    // drawing allows 10 MB (seed); Altinn refuses bigger bodies (docs/altinn-behaviour.md §1.3: 413 or 400).
    const tooBig = await fx.user.data.upload(inst, 'drawing', Buffer.alloc(11 * 1024 * 1024, 1), { filename: 'huge.pdf' }).then(() => undefined, (e: unknown) => e);
    assert.ok(tooBig instanceof AltinnApiError && (tooBig.status === 413 || tooBig.status === 400), String(tooBig));
    const wrongType = await fx.user.data.upload(inst, 'drawing', Buffer.from('hello'), { filename: 'notes.txt' }).then(() => undefined, (e: unknown) => e);
    assert.ok(wrongType instanceof AltinnApiError && wrongType.status === 400, String(wrongType));
    // app-lib DataController.Post: DataRestrictionValidation refuses a type outside allowedContentTypes with
    // the issue code ContentTypeNotAllowed, naming the type (Altinn/app-lib-dotnet src/Altinn.App.Api/Helpers/
    // RequestHandling/DataRestrictionValidation.cs CompliesWithDataRestrictions).
    const refusal = (wrongType.validationIssues ?? []).find((i) => i.code === 'ContentTypeNotAllowed');
    assert.ok(refusal, JSON.stringify(wrongType.validationIssues));
    assert.match(refusal.description ?? '', /Invalid content type: text\/plain\. .*application\/pdf, image\/png/);
    assert.match(wrongType.message, /Invalid content type: text\/plain/);
  });

  it('marks an instance read and unread', async () => {
    const inst = await fx.user.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    const unread = await fx.user.instances.setReadStatus(inst, 'Unread');
    assert.equal(unread.status?.readStatus, 'Unread');
    const read = await fx.user.instances.setReadStatus(inst.id, 'read');
    assert.equal(read.status?.readStatus, 'Read');
    await assert.rejects(fx.user.instances.setReadStatus(inst, 'seen' as never), AltinnInputError);
  });

  it('creates for a chosen party with the owner in the template, not in ?instanceOwnerPartyId=', async () => {
    // docs/altinn-behaviour.md §1.2: a non-empty JSON body is the template, so `{}` plus the query is a 400
    // (Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs Post, ExtractInstanceTemplate).
    const logs = fx.logs.length;
    const subUnit = await fx.user.instances.create(INCOME_REPORT, { owner: { partyId: 500001 } });
    assert.equal(subUnit.instanceOwner.partyId, '500001');
    assert.equal(subUnit.instanceOwner.organisationNumber, '897069651');
    const multipart = await fx.user.instances.create(BUILDING_PERMIT, {
      owner: { partyId: USER_PARTY }, parts: [{ dataType: 'model', contentType: 'application/xml', body: buildingPermitXml('Sophie Salt') }],
    });
    assert.equal(multipart.instanceOwner.partyId, String(USER_PARTY));
    const urls = fx.logs.slice(logs).filter((l) => l.method === 'POST').map((l) => l.url);
    assert.equal(urls.length, 2);
    assert.ok(urls.every((u) => !u.includes('instanceOwnerPartyId')), urls.join(', '));
  });

  it('sends prefill values as text and refuses numbers and booleans before any request', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Models/InstansiationInstance.cs: Prefill is Dictionary<string,string>.
    const inst = await fx.user.instances.createWithPrefill(BUILDING_PERMIT, { owner: { partyId: USER_PARTY }, prefill: { applicant: 'Sophie Salt', areaSquareMeters: '120' } });
    const model = inst.data?.find((d) => d.dataType === 'model');
    assert.ok(model);
    const form = (await fx.user.data.getFormData(inst, model.id, 'json')) as Record<string, unknown>;
    assert.equal(form.areaSquareMeters, 120);
    const before = requestCount(fx);
    const numeric = { areaSquareMeters: 120 } as unknown as Record<string, string>;
    await assert.rejects(fx.user.instances.createWithPrefill(BUILDING_PERMIT, { owner: { partyId: USER_PARTY }, prefill: numeric }),
      (e: unknown) => e instanceof AltinnInputError && /"areaSquareMeters" must be text/.test(e.message));
    const flag = { applicant: true } as unknown as Record<string, string>;
    await assert.rejects(fx.user.instances.createWithPrefill(BUILDING_PERMIT, { owner: { partyId: USER_PARTY }, prefill: flag }), AltinnInputError);
    assert.equal(requestCount(fx), before, 'no request reached the emulator');
  });

  it('gets a clear error on an instance it may not touch', async () => {
    const others = await fx.owner.instances.query({ appId: BUILDING_PERMIT, instanceOwnerPartyId: 512345, size: 1 });
    assert.ok(others.instances.length > 0, 'seed has instances of party 512345');
    const error = await fx.user.instances.get(others.instances[0]).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 403, String(error));
    assert.match(error.message, /\(403\)$/);
  });

  it('reads an instance by its guid alone, as the owner does; another person\'s is 403, a malformed guid never sent', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs GetByGuid (docs/altinn-behaviour.md §2.2)
    const own = (await fx.user.instances.query({ instanceOwnerPartyId: USER_PARTY, size: 1 })).instances[0];
    const guid = own.id.split('/')[1];
    assert.equal((await fx.user.instances.getByGuid(guid.toUpperCase())).id, own.id);
    assert.equal((await fx.owner.instances.getByGuid(guid)).appId, own.appId);
    const others = await fx.owner.instances.query({ appId: BUILDING_PERMIT, instanceOwnerPartyId: 512345, size: 1 });
    const error = await fx.user.instances.getByGuid(others.instances[0].id.split('/')[1]).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 403, String(error));
    const before = requestCount(fx);
    await assert.rejects(fx.user.instances.getByGuid(`${USER_PARTY}/${guid}`), AltinnInputError);
    assert.equal(requestCount(fx), before);
  });

  it('rejects malformed ids and uploads before any request', async () => {
    const before = requestCount(fx);
    const good = { appId: BUILDING_PERMIT, id: `${USER_PARTY}/5a2fa5ec-f97c-4816-b57a-dc78a981917e` };
    await assert.rejects(fx.user.instances.get('501337'), AltinnInputError);
    await assert.rejects(fx.user.instances.get('501337/../../applications'), AltinnInputError);
    await assert.rejects(fx.user.process.next({ appId: BUILDING_PERMIT, id: 'x/y' }), AltinnInputError);
    await assert.rejects(fx.user.process.next({ appId: 'ttd/../x', id: good.id }), AltinnInputError);
    await assert.rejects(fx.user.data.download(good, '../secret'), AltinnInputError);
    await assert.rejects(fx.user.data.upload(good, 'drawing', PDF_BYTES, { filename: '../../etc/passwd.pdf' }), AltinnInputError);
    await assert.rejects(fx.user.data.upload(good, 'drawing', PDF_BYTES, { filename: 'a\\b.pdf' }), AltinnInputError);
    await assert.rejects(fx.user.data.upload(good, 'drawing', Buffer.alloc(0), { filename: 'empty.pdf' }), AltinnInputError);
    await assert.rejects(fx.user.data.upload(good, '../model', PDF_BYTES, { filename: 'a.pdf' }), AltinnInputError);
    await assert.rejects(fx.user.instances.create(BUILDING_PERMIT, { owner: { personNumber: '123' } }), AltinnInputError);
    await assert.rejects(fx.user.instances.create(BUILDING_PERMIT, { owner: { partyId: -5 } }), AltinnInputError);
    await assert.rejects(fx.user.instances.query({ lastChanged: '2020-01-01' }), AltinnInputError);
    await assert.rejects(fx.user.instances.setSubstatus(good, { label: '' }), AltinnInputError);
    await assert.rejects(fx.user.events.app(BUILDING_PERMIT, {}), AltinnInputError);
    assert.equal(requestCount(fx), before, 'no request reached the emulator');
  });
});

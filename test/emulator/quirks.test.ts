// One test per Altinn quirk the emulator must reproduce (issue 3 "Must show"), on the raw wire.
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call, createInstance, formElement, orgToken, putForm, userToken, type AppInstance } from './test-client';

const BP = 'ttd/building-permit';
const UNKNOWN_GUID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

describe('emulator quirks', () => {
  let emu: Emulator;
  let user: string;
  let org: string;

  before(async () => {
    emu = await startEmulator();
    user = await userToken(emu);
    org = await orgToken(emu);
  });
  after(async () => emu.close());

  const upload = (inst: AppInstance, path: string, disposition: string) => call(emu, 'POST', `/${BP}/instances/${inst.id}/${path}`, {
    token: user, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': disposition }, body: '%PDF-1.4 test body',
  });

  it('legacy POST data?dataType= answers 201 with Location and a DataElement', async () => {
    // docs/altinn-behaviour.md §1.3; BasicAppTests.DataUpload_filenameQuoted=True_useNewEndpoint=False_0_UploadResponse.verified.txt
    const inst = await createInstance(emu, user);
    const r = await upload(inst, 'data?dataType=drawing', 'attachment; filename="Test Doc 2025.pdf"');
    assert.equal(r.status, 201);
    const el = r.json<{ id: string; filename: string; dataType: string }>();
    assert.equal(el.filename, 'Test Doc 2025.pdf');
    assert.equal(el.dataType, 'drawing');
    assert.match(r.headers.get('location') ?? '', new RegExp(`/${BP}/instances/${inst.id}/data/${el.id}$`));
  });

  it('POST data/{dataType} answers 200 (not 201) with a DataPostResponse and no Location', async () => {
    // docs/altinn-behaviour.md §1.3; BasicAppTests.DataUpload_filenameQuoted=True_useNewEndpoint=True_0_UploadResponse.verified.txt
    const inst = await createInstance(emu, user);
    for (const path of ['data/drawing', 'data/type/drawing']) {
      const r = await upload(inst, path, 'attachment; filename="Test Doc 2025.pdf"');
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('location'), null);
      const body = r.json<{ newDataElementId: string; instance: AppInstance; validationIssues: unknown[]; newDataModels: unknown[] }>();
      assert.ok(body.instance.data.some((d) => d.id === body.newDataElementId));
      assert.deepEqual(body.validationIssues, []);
    }
  });

  it('an unquoted filename with spaces is 400: text on the legacy endpoint, MissingFileName problem on the new one', async () => {
    // docs/altinn-behaviour.md §1.3 rule 3; BasicAppTests.DataUpload_filenameQuoted=False_useNewEndpoint=False/True_*.verified.txt
    const inst = await createInstance(emu, user);
    const legacy = await upload(inst, 'data?dataType=drawing', 'attachment; filename=Test Doc 2025.pdf');
    assert.equal(legacy.status, 400);
    assert.match(legacy.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(legacy.text, 'Invalid data provided. Error: The Content-Disposition header must contain a valid filename');
    const fresh = await upload(inst, 'data/drawing', 'attachment; filename=Test Doc 2025.pdf');
    assert.equal(fresh.status, 400);
    assert.match(fresh.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const problem = fresh.json<{ title: string; uploadValidationIssues: Array<{ code: string; severity: number }> }>();
    assert.equal(problem.title, 'File validation failed');
    assert.deepEqual(problem.uploadValidationIssues.map((i) => [i.code, i.severity]), [['MissingFileName', 1]]);
  });

  it('upload rules: wrong content type, empty body, maxCount', async () => {
    // docs/altinn-behaviour.md §1.3 rules 4, "0 bytes → 400", "over maxCount → 409"
    const inst = await createInstance(emu, user);
    const png = await call(emu, 'POST', `/${BP}/instances/${inst.id}/data/drawing`, {
      token: user, headers: { 'Content-Type': 'text/plain', 'Content-Disposition': 'attachment; filename="a.txt"' }, body: 'x',
    });
    assert.equal(png.status, 400);
    assert.equal(png.json<{ uploadValidationIssues: Array<{ code: string }> }>().uploadValidationIssues[0].code, 'ContentTypeNotAllowed');
    const empty = await call(emu, 'POST', `/${BP}/instances/${inst.id}/data/drawing`, {
      token: user, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="a.pdf"' }, body: '',
    });
    assert.equal(empty.status, 400);
    for (let i = 0; i < 5; i++) assert.equal((await upload(inst, 'data/drawing', `attachment; filename="d${i}.pdf"`)).status, 200);
    assert.equal((await upload(inst, 'data/drawing', 'attachment; filename="d6.pdf"')).status, 409);
  });

  it('readStatus is a string in Storage (nulls omitted) and an int in the App API (nulls kept, instanceOwner.party)', async () => {
    // docs/altinn-behaviour.md §2 intro; InstancesController_GetTests.ReturnsOkResult_Raw.verified.txt; Instances__tdd__*.pretest.json
    const inst = await createInstance(emu, user);
    const storage = (await call(emu, 'GET', `/storage/api/v1/instances/${inst.id}`, { token: user })).json<Record<string, Record<string, unknown>>>();
    assert.equal(storage.status.readStatus, 'Read');
    assert.ok(!('archived' in storage.status) && !('dueBefore' in storage));
    assert.equal(typeof storage.instanceOwner.partyId, 'string');
    const app = (await call(emu, 'GET', `/${BP}/instances/${inst.id}`, { token: user })).json<Record<string, Record<string, unknown>>>();
    assert.equal(app.status.readStatus, 1);
    assert.equal(app.status.archived, null);
    assert.equal(app.dueBefore, null);
    assert.equal((app.instanceOwner.party as Record<string, unknown>).partyTypeName, 1);
  });

  it('a policy-guarded endpoint on an unknown instance answers 403 with an empty body, not 404', async () => {
    // docs/altinn-behaviour.md §2.2 last paragraph, §1.2 GET
    for (const [method, path] of [
      ['GET', `/${BP}/instances/501337/${UNKNOWN_GUID}`],
      ['PUT', `/${BP}/instances/501337/${UNKNOWN_GUID}/process/next`],
    ]) {
      const r = await call(emu, method, path, { token: user });
      assert.equal(r.status, 403, `${method} ${path}`);
      assert.equal(r.text, '');
    }
  });

  it('Storage GET instance looks the guid up first: unknown is 404 text, another party\'s is 403, the path\'s party is not checked', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs Get (GetOne by guid, then AuthorizeEnrichedInstanceAction)
    for (const token of [user, org]) {
      const r = await call(emu, 'GET', `/storage/api/v1/instances/501337/${UNKNOWN_GUID}`, { token });
      assert.equal(r.status, 404);
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
      assert.equal(r.text, `Unable to find instance ${UNKNOWN_GUID}`);
    }
    const inst = await createInstance(emu, user);
    const guid = inst.id.split('/')[1];
    const other = await call(emu, 'GET', `/storage/api/v1/instances/${inst.id}`, { token: await userToken(emu, 12345) });
    assert.equal(other.status, 403);
    assert.equal(other.text, '');
    const wrongParty = await call(emu, 'GET', `/storage/api/v1/instances/512345/${guid}`, { token: user });
    assert.equal(wrongParty.status, 200);
    assert.equal(wrongParty.json<{ id: string }>().id, inst.id);
  });

  it('Storage GET instances/{guid} reads by the guid alone, for owner and user, with the same answers as the party route', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs GetByGuid (docs/altinn-behaviour.md §2.2)
    const inst = await createInstance(emu, user);
    const guid = inst.id.split('/')[1];
    for (const token of [user, org]) {
      const r = await call(emu, 'GET', `/storage/api/v1/instances/${guid.toUpperCase()}`, { token });
      assert.equal(r.status, 200);
      assert.equal(r.json<{ id: string }>().id, inst.id);
      const unknown = await call(emu, 'GET', `/storage/api/v1/instances/${UNKNOWN_GUID}`, { token });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.text, `Unable to find instance ${UNKNOWN_GUID}`);
    }
    const other = await call(emu, 'GET', `/storage/api/v1/instances/${guid}`, { token: await userToken(emu, 12345) });
    assert.equal(other.status, 403);
    assert.equal(other.text, '');
    // The {instanceGuid:guid} constraint: anything else matches no route (an empty 404).
    const notGuid = await call(emu, 'GET', '/storage/api/v1/instances/not-a-guid', { token: user });
    assert.equal(notGuid.status, 404);
    assert.equal(notGuid.text, '');
  });

  it('process/next with a failing validation answers 409 validationIssues and leaves the instance unchanged', async () => {
    // docs/altinn-behaviour.md §1.4; ProcessControllerTests.RunProcessNext_FailingValidator_ReturnsValidationErrors.verified.txt
    const inst = await createInstance(emu, user);
    const r = await call(emu, 'PUT', `/${BP}/instances/${inst.id}/process/next`, { token: user });
    assert.equal(r.status, 409);
    const p = r.json<{ title: string; detail: string; validationIssues: Array<{ field: string; severity: number; source: string }> }>();
    assert.equal(p.title, 'Validation failed for task');
    assert.equal(p.detail, '1 validation errors found for task Task_1');
    assert.equal(p.validationIssues[0].field, 'applicant');
    const after = emu.store.getInstance(inst.id);
    assert.equal(after?.process?.currentTask?.elementId, 'Task_1');
    assert.equal(after?.lastChanged, inst.lastChanged);
  });

  it('ending a task locks its data (PUT → 409) and the end event archives the instance (writes → 409)', async () => {
    // docs/altinn-behaviour.md §1.3 "Data locking" and "Instance Not Active"; BasicAppTests.Full_*_4_Download-Instance.verified.txt
    const inst = await createInstance(emu, user);
    assert.equal((await putForm(emu, user, BP, inst, { applicant: 'Sophie Salt' })).status, 201);
    const moved = await call(emu, 'PUT', `/${BP}/instances/${inst.id}/process/next`, { token: user });
    assert.equal(moved.json<{ currentTask: { elementId: string } }>().currentTask.elementId, 'Task_2');
    const locked = await putForm(emu, user, BP, inst, { applicant: 'Someone else' });
    assert.equal(locked.status, 409);
    assert.equal(emu.store.getInstance(inst.id)?.data.find((d) => d.id === formElement(inst))?.locked, true);
    const ended = await call(emu, 'PUT', `/${BP}/instances/${inst.id}/process/next`, { token: user, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'confirm' }) });
    assert.equal(ended.status, 200);
    assert.equal(ended.json<{ endEvent: string }>().endEvent, 'EndEvent_1');
    const archived = emu.store.getInstance(inst.id);
    assert.equal(archived?.status.isArchived, true);
    assert.ok(archived?.status.archived);
    const write = await upload(inst, 'data/drawing', 'attachment; filename="late.pdf"');
    assert.equal(write.status, 409);
    assert.equal(write.json<{ title: string }>().title, 'Instance Not Active');
  });

  it('org tokens need the service-owner scopes and see only their own apps; users only their parties', async () => {
    // docs/altinn-behaviour.md §2.1 "Caller rules", §3 service-owner scopes
    const noScope = await orgToken(emu, 'ttd', 'altinn:instances.read');
    assert.equal((await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}`, { token: noScope })).status, 403);
    const readOnly = await orgToken(emu, 'ttd', 'altinn:serviceowner/instances.read');
    assert.equal((await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}`, { token: readOnly })).status, 200);
    assert.equal((await call(emu, 'POST', `/${BP}/instances?instanceOwnerPartyId=501337`, { token: readOnly })).status, 403);
    assert.equal((await call(emu, 'GET', '/storage/api/v1/instances?appId=digdir/simple-form', { token: org })).status, 403);
    assert.equal((await call(emu, 'GET', '/storage/api/v1/instances', { token: org })).status, 400);
    const inst = await createInstance(emu, user);
    assert.equal((await call(emu, 'GET', `/${BP}/instances/${inst.id}`, { token: await userToken(emu, 12345) })).status, 403);
    assert.equal((await call(emu, 'GET', `/${BP}/instances/${inst.id}`, { token: org })).status, 200);
    assert.equal((await call(emu, 'GET', `/${BP}/instances/${inst.id}`)).status, 401);
    assert.equal((await call(emu, 'GET', `/${BP}/api/v1/applicationmetadata`)).status, 200);
    const orgOnInstance = await createInstance(emu, user, BP, 500000);
    assert.equal(orgOnInstance.id.split('/')[0], '500000');
  });

  it('PATCH data applies JSON Patch to form data and answers 200 with new models and grouped validation issues', async () => {
    // docs/altinn-behaviour.md §1.3 PATCH; BasicAppTests.Full_auth=User_testCase=SimplifiedNoPrefill_2_PatchFormData.verified.txt.
    // `patch` is the RFC 6902 array itself, as JsonPatch.Net writes it (the recording's Content-Length, 250, fits only that).
    const inst = await createInstance(emu, user);
    const dataElementId = formElement(inst);
    const r = await call(emu, 'PATCH', `/${BP}/instances/${inst.id}/data`, { token: user, headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ patches: [{ dataElementId, patch: [{ op: 'add', path: '/address', value: 'Storgata 1' }] }] }) });
    assert.equal(r.status, 200);
    const body = r.json<{ validationIssues: Array<{ source: string }>; newDataModels: Array<{ data: Record<string, unknown> }> }>();
    assert.equal(body.newDataModels[0].data.address, 'Storgata 1');
    assert.deepEqual(body.validationIssues.map((v) => v.source), ['Required']);
  });

  it('date filters need operator prefixes and may repeat to form a range', async () => {
    // docs/altinn-behaviour.md §2.1 "Date params take operator prefixes … may repeat"
    const all = (await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}&size=1000`, { token: org }))
      .json<{ instances: Array<{ lastChanged: string }> }>().instances.map((i) => Date.parse(i.lastChanged)).sort((a, b) => a - b);
    const lo = new Date(all[3]).toISOString();
    const hi = new Date(all[8]).toISOString();
    const r = await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}&lastChanged=gt:${lo}&lastChanged=lte:${hi}`, { token: org });
    assert.equal(r.status, 200);
    assert.equal(r.json<{ count: number }>().count, all.filter((t) => t > all[3] && t <= all[8]).length);
    const eq = await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}&lastChanged=eq:${lo}`, { token: org });
    assert.ok(eq.json<{ count: number }>().count >= 1);
    // The date is parsed inside the repository, whose failures come back as 500 text (InstanceQueryParameters
    // AddDateParamIfNotNull; Altinn/altinn-storage test/UnitTest/TestingRepositories/InstanceTests.cs *_InvalidDate).
    const noPrefix = await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}&lastChanged=2025-05-01`, { token: org });
    assert.equal(noPrefix.status, 500);
    assert.equal(noPrefix.text, 'Invalid date expression: 2025-05-01 for query key: lastChanged');
    assert.equal((await call(emu, 'GET', `/storage/api/v1/instances?appId=${BP}&created=gt:notadate`, { token: org })).status, 500);
  });

  it('next is present only when a page comes back full, newest change first', async () => {
    // docs/altinn-behaviour.md §2.1 "next is present only when the page came back full"
    const base = '/storage/api/v1/instances?appId=digdir/simple-form&instanceOwner.partyId=501337';
    const total = (await call(emu, 'GET', `${base}&size=1000`, { token: user })).json<{ count: number }>().count;
    assert.ok(total >= 3);
    const size = total - 1;
    const first = (await call(emu, 'GET', `${base}&size=${size}`, { token: user })).json<{ count: number; next?: string; instances: Array<{ lastChanged: string }> }>();
    assert.equal(first.count, size);
    assert.ok(first.next);
    const times = first.instances.map((i) => Date.parse(i.lastChanged));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const second = (await call(emu, 'GET', first.next.replace(emu.url, ''), { token: user })).json<{ count: number; next?: string }>();
    assert.equal(second.count, 1);
    assert.equal(second.next, null, 'QueryResponse keeps nulls (Newtonsoft defaults)');
    const exact = (await call(emu, 'GET', `${base}&size=${total}`, { token: user })).json<{ next?: string }>();
    assert.ok(exact.next, 'a full last page still carries next');
    const empty = (await call(emu, 'GET', exact.next.replace(emu.url, ''), { token: user })).json<{ count: number; next?: string }>();
    assert.equal(empty.count, 0);
    assert.equal(empty.next, null);
  });

  it('events are for org tokens only, need after or from, and page with the next header', async () => {
    // docs/altinn-behaviour.md §4
    assert.equal((await call(emu, 'GET', `/events/api/v1/app/${BP}?after=0`, { token: user })).status, 401);
    assert.equal((await call(emu, 'GET', `/events/api/v1/app/${BP}`, { token: org })).status, 400);
    const r = await call(emu, 'GET', `/events/api/v1/app/${BP}?after=0&size=2`, { token: org });
    const events = r.json<Array<{ id: string; type: string; specversion: string }>>();
    assert.equal(events.length, 2);
    assert.equal(events[0].type, 'app.instance.created');
    const next = r.headers.get('next') ?? '';
    assert.match(next, new RegExp(`after=${events[1].id}`));
    const page2 = (await call(emu, 'GET', next.replace(emu.url, ''), { token: org })).json<Array<{ id: string }>>();
    assert.notEqual(page2[0].id, events[1].id);
  });
});

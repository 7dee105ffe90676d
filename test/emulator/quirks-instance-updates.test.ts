// Quirks of the small instance updates (substatus, read status, presentation texts, instance events) and the
// applications catalogue, in the App API's and Storage's own words (docs/altinn-behaviour.md §1.2, §2.2, §2.4).
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call, createInstance, orgToken, userToken, type AppInstance } from './test-client';

const BP = 'ttd/building-permit';
const json = (body: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('emulator quirks: instance updates and the applications catalogue', () => {
  let emu: Emulator;
  let user: string;
  let org: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 0 });
    user = await userToken(emu);
    org = await orgToken(emu);
  });
  after(async () => emu.close());

  const storage = (inst: AppInstance) => `/storage/api/v1/instances/${inst.id}`;
  const substatusEvents = async () => (await call(emu, 'GET', `/events/api/v1/app/${BP}?after=0&type=app.instance.substatus.changed`, { token: org }))
    .json<unknown[]>().length;

  it('substatus: the label is checked before the caller, with the body in the message; only the app emits the CloudEvent', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs UpdateSubstatus (RegisterEvent);
    // Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs UpdateSubstatus
    const inst = await createInstance(emu, user);
    const app = await call(emu, 'PUT', `/${BP}/instances/${inst.id}/substatus`, { token: user, ...json({}) });
    assert.equal(app.status, 400, 'a user without a label gets the 400, not the 403');
    assert.equal(app.text, 'Invalid sub status: {"label":null,"description":null}. Substatus must be defined and include a label.');
    const sto = await call(emu, 'PUT', `${storage(inst)}/substatus`, { token: org, ...json({ description: 'x' }) });
    assert.equal(sto.text, 'Invalid sub status: {"label":null,"description":"x"}. Substatus must be defined and include a label.');
    assert.equal((await call(emu, 'PUT', `/${BP}/instances/${inst.id}/substatus`, { token: user, ...json({ label: 'a' }) })).status, 403);

    const before = await substatusEvents();
    assert.equal((await call(emu, 'PUT', `${storage(inst)}/substatus`, { token: org, ...json({ label: 'storage' }) })).status, 200);
    assert.equal(await substatusEvents(), before, 'Storage records the instance event, not the CloudEvent');
    assert.equal((await call(emu, 'PUT', `/${BP}/instances/${inst.id}/substatus`, { token: org, ...json({ label: 'app' }) })).status, 200);
    assert.equal(await substatusEvents(), before + 1);
  });

  it('undelete restores a soft delete once with an Undeleted event, answers true when not deleted, 404 text when hard-deleted', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/MessageboxInstancesController.cs Undelete (docs/altinn-behaviour.md §2.2)
    const inst = await createInstance(emu, user);
    const undelete = (i: AppInstance, token: string) => call(emu, 'PUT', `/storage/api/v1/sbl/instances/${i.id}/undelete`, { token });
    const status = async (i: AppInstance) => (await call(emu, 'GET', storage(i), { token: org })).json<{ status: Record<string, unknown>; lastChanged: string }>();
    const undeletedEvents = async (i: AppInstance) => (await call(emu, 'GET', `${storage(i)}/events?eventTypes=Undeleted`, { token: org }))
      .json<{ instanceEvents: unknown[] }>().instanceEvents.length;

    const notDeleted = await undelete(inst, user);
    assert.deepEqual([notDeleted.status, notDeleted.json()], [200, true]);
    assert.equal(await undeletedEvents(inst), 0, 'nothing to restore, nothing recorded');

    assert.equal((await call(emu, 'DELETE', storage(inst), { token: user })).status, 200);
    assert.equal((await status(inst)).status.isSoftDeleted, true);
    const restored = await undelete(inst, user);
    assert.deepEqual([restored.status, restored.json()], [200, true]);
    const after = await status(inst);
    assert.equal(after.status.isSoftDeleted, false);
    assert.equal(after.status.softDeleted, undefined);
    assert.equal(await undeletedEvents(inst), 1);

    const hard = await createInstance(emu, user);
    assert.equal((await call(emu, 'DELETE', `${storage(hard)}?hard=true`, { token: org })).status, 200);
    const gone = await undelete(hard, org);
    assert.deepEqual([gone.status, gone.text], [404, 'Instance was permanently deleted and cannot be restored.']);
    assert.equal((await call(emu, 'PUT', `/storage/api/v1/sbl/instances/1/not-a-guid/undelete`, { token: user })).status, 404);
  });

  it('readstatus parses like Enum.TryParse: any case, numbers, and lists the names when it cannot', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs UpdateReadStatus
    const inst = await createInstance(emu, user);
    const put = (status: string) => call(emu, 'PUT', `${storage(inst)}/readstatus?status=${encodeURIComponent(status)}`, { token: user });
    assert.equal((await put('UNREAD')).json<{ status: { readStatus: string } }>().status.readStatus, 'Unread');
    assert.equal((await put('2')).json<{ status: { readStatus: string } }>().status.readStatus, 'UpdatedSinceLastReview');
    const bad = await put('seen');
    assert.equal(bad.status, 400);
    assert.equal(bad.text, 'Invalid read status: seen. Accepted types include: Unread, Read, UpdatedSinceLastReview');
  });

  it('presentationtexts and datavalues: a missing map is 400 in Storage\'s words, before the caller is authorised', async () => {
    // InstancesController.cs UpdatePresentationTexts / UpdateDataValues ([Authorize] only)
    const inst = await createInstance(emu, user);
    const stranger = await userToken(emu, 12345);
    const texts = await call(emu, 'PUT', `${storage(inst)}/presentationtexts`, { token: stranger, ...json({}) });
    assert.deepEqual([texts.status, texts.text], [400, 'Missing parameter value: presentationTexts is misformed or empty']);
    const values = await call(emu, 'PUT', `${storage(inst)}/datavalues`, { token: stranger, ...json({ texts: {} }) });
    assert.deepEqual([values.status, values.text], [400, 'Missing parameter value: dataValues is misformed or empty']);
  });

  it('instance events: an unreadable from/to is a 400 text', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/InstanceEventsController.cs Get
    const inst = await createInstance(emu, user);
    const r = await call(emu, 'GET', `${storage(inst)}/events?from=yesterday&to=2030-01-01T00:00:00Z`, { token: user });
    assert.deepEqual([r.status, r.text], [400, 'Unable to perform query. Invalid format for time span. Use string format of UTC.']);
  });

  it('applications: Storage\'s texts for a bad owner id and an unknown app', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/ApplicationsController.cs GetMany, GetOne
    const bad = await call(emu, 'GET', '/storage/api/v1/applications/t-d');
    assert.deepEqual([bad.status, bad.text], [400, "Application owner id 't-d' is not valid"]);
    const none = await call(emu, 'GET', '/storage/api/v1/applications/ttd/nope');
    assert.deepEqual([none.status, none.text], [404, 'Could not find an application with appId=ttd/nope']);
  });

  it('active instances of a party the user does not represent: 200 with an empty list, not 403', async () => {
    // Altinn/app-lib-dotnet InstancesController.cs GetActiveInstances ([Authorize] only; Storage's query drops what the user may not read)
    await createInstance(emu, user);
    const mine = await call(emu, 'GET', `/${BP}/instances/501337/active`, { token: user });
    assert.ok(mine.json<unknown[]>().length > 0);
    const other = await call(emu, 'GET', `/${BP}/instances/501337/active`, { token: await userToken(emu, 12345) });
    assert.deepEqual([other.status, other.json<unknown[]>()], [200, []]);
  });
});

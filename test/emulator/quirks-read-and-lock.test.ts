// Who marks instances and data elements read, and Storage's data element answers (overwrite, missing blob,
// create, lock), as app-lib and Storage have them (docs/altinn-behaviour.md §1.2, §1.3, §2.2).
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import type { Store } from './store';
import { call, createInstance, orgToken, userToken, type AppInstance } from './test-client';

const BP = 'ttd/building-permit';
const ORG_PARTY = 500000;
const ORG_NUMBER = '897069650';

describe('emulator quirks: read marks and Storage data element answers', () => {
  let emu: Emulator;
  let user: string;
  let org: string;
  let enterprise: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 0 });
    user = await userToken(emu);
    org = await orgToken(emu);
    // A Maskinporten-style enterprise token of the organisation that owns the instance: neither a user nor the app owner.
    enterprise = emu.issueToken({ 'urn:altinn:orgNumber': ORG_NUMBER, 'urn:altinn:authlevel': 3, scope: 'altinn:instances.read altinn:instances.write' });
  });
  after(async () => emu.close());

  const storage = (inst: AppInstance) => `/storage/api/v1/instances/${inst.id}`;
  const pdf = (token: string) => ({ token, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="a.pdf"' }, body: '%PDF-1.4 x' });

  async function withDrawing(): Promise<{ inst: AppInstance; drawing: string }> {
    const inst = await createInstance(emu, user, BP, ORG_PARTY);
    const up = await call(emu, 'POST', `/${BP}/instances/${inst.id}/data?dataType=drawing`, pdf(user));
    assert.equal(up.status, 201);
    return { inst, drawing: up.json<{ id: string }>().id };
  }

  it('every caller but the app owner org marks the instance and the element read, an enterprise too', async () => {
    // Altinn/app-lib-dotnet InstancesController.cs Get (`userOrgClaim`); Altinn/altinn-storage DataController.cs Get, OverwriteData
    const { inst, drawing } = await withDrawing();
    const readStatus = async () => (await call(emu, 'GET', storage(inst), { token: org })).json<{ status: { readStatus: string } }>().status.readStatus;
    assert.equal((await call(emu, 'PUT', `${storage(inst)}/readstatus?status=Unread`, { token: org })).status, 200);
    assert.equal((await call(emu, 'GET', `/${BP}/instances/${inst.id}`, { token: org })).status, 200);
    assert.equal(await readStatus(), 'Unread', 'the app owner does not mark it read');
    assert.equal((await call(emu, 'GET', `/${BP}/instances/${inst.id}`, { token: enterprise })).status, 200);
    assert.equal(await readStatus(), 'Read');

    const element = async () => (await call(emu, 'GET', `${storage(inst)}/dataelements`, { token: org }))
      .json<{ dataElements: Array<{ id: string; isRead: boolean }> }>().dataElements.find((d) => d.id === drawing);
    assert.equal((await call(emu, 'PUT', `${storage(inst)}/data/${drawing}`, pdf(org))).status, 200);
    assert.equal((await element())?.isRead, false, 'the owner\'s overwrite marks it unread');
    assert.equal((await call(emu, 'GET', `${storage(inst)}/data/${drawing}`, { token: enterprise })).status, 200);
    assert.equal((await element())?.isRead, true);
  });

  it('Storage data: empty overwrite 422, missing blob 404, undeclared type 400, in Storage\'s words', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/DataController.cs OverwriteData, Get, GetDataTypeFromAppMetadata
    const { inst, drawing } = await withDrawing();
    const empty = await call(emu, 'PUT', `${storage(inst)}/data/${drawing}`, { ...pdf(org), body: '' });
    assert.deepEqual([empty.status, empty.text], [422, 'Could not process attached file']);
    const undeclared = await call(emu, 'POST', `${storage(inst)}/data?dataType=nope`, pdf(org));
    assert.deepEqual([undeclared.status, undeclared.text], [400, 'Requested element type is not declared in application metadata']);
    (emu.store as Store).deleteBlob(drawing);
    const gone = await call(emu, 'GET', `${storage(inst)}/data/${drawing}`, { token: org });
    assert.deepEqual([gone.status, gone.text], [404, `Unable to read data element from blob storage for ${drawing}`]);
  });

  it('lock: 201 with Location when it locks, 200 when already locked; unlock 200; whoever may write the instance', async () => {
    // Altinn/altinn-storage src/Storage/Controllers/DataLockController.cs Lock (Created), Unlock
    const { inst, drawing } = await withDrawing();
    const path = `${storage(inst)}/data/${drawing}/lock`;
    const first = await call(emu, 'PUT', path, { token: org });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('location'), drawing);
    assert.equal(first.json<{ locked: boolean }>().locked, true);
    assert.equal((await call(emu, 'PUT', path, { token: org })).status, 200);
    const unlock = await call(emu, 'DELETE', path, { token: org });
    assert.deepEqual([unlock.status, unlock.json<{ locked: boolean }>().locked], [200, false]);
    // Not the service owner's alone: the instance owner's user may lock and unlock too (ProcessAuthorizer).
    assert.equal((await call(emu, 'PUT', path, { token: user })).status, 201);
    assert.equal((await call(emu, 'DELETE', path, { token: user })).status, 200);
    assert.equal((await call(emu, 'PUT', path, { token: await userToken(emu, 12345) })).status, 403);
  });
});

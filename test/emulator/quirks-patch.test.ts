// PATCH of form data: the obsolete one-element route every app-lib 8 release has, and the multi-element
// route's answer for an unknown element (docs/altinn-behaviour.md §1.3).
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call, createInstance, formElement, userToken } from './test-client';

const BP = 'ttd/building-permit';
const IR = 'ttd/income-report';
const MISSING = '00000000-0000-4000-8000-000000000002';
const JSON_BODY = (body: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('emulator quirks: PATCH form data', () => {
  let emu: Emulator;
  let user: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 0 });
    user = await userToken(emu);
  });
  after(async () => emu.close());

  it('PATCH data/{dataGuid}: one element, answered as DataPatchResponse (the instance from v8.5.0)', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs PatchFormData; Models/DataPatchResponse.cs (v8.3.8, v8.5.0)
    const inst = await createInstance(emu, user);
    const patch = [{ op: 'replace', path: '/applicant', value: 'Kari' }];
    const r = await call(emu, 'PATCH', `/${BP}/instances/${inst.id}/data/${formElement(inst)}`, { token: user, ...JSON_BODY({ patch }) });
    assert.equal(r.status, 200);
    const body = r.json<{ validationIssues: Record<string, unknown[]>; newDataModel: Record<string, unknown>; instance?: { id: string } }>();
    assert.equal(body.newDataModel.applicant, 'Kari');
    assert.ok(!Array.isArray(body.validationIssues), 'issues keyed by source');
    assert.equal(body.instance?.id, inst.id);

    const old = await createInstance(emu, user, IR);
    const report = formElement(old, 'report');
    const oldAnswer = await call(emu, 'PATCH', `/${IR}/instances/${old.id}/data/${report}`, { token: user, ...JSON_BODY({ patch: [] }) });
    assert.equal(oldAnswer.status, 200);
    assert.equal('instance' in oldAnswer.json<Record<string, unknown>>(), false, 'v8.3.8 answers no instance');
    const unknown = await call(emu, 'PATCH', `/${IR}/instances/${old.id}/data/${MISSING}`, { token: user, ...JSON_BODY({ patch: [] }) });
    assert.deepEqual([unknown.status, unknown.text], [500, ''], 'v8.3.8 looks the element up with First()');
  });

  it('PATCH data: an unknown element is "Data Element Not Found"', async () => {
    // DataController.cs PatchFormDataMultiple → GetInstanceDataOrError
    const inst = await createInstance(emu, user);
    const r = await call(emu, 'PATCH', `/${BP}/instances/${inst.id}/data`, { token: user, ...JSON_BODY({ patches: [{ dataElementId: MISSING, patch: [] }] }) });
    assert.equal(r.status, 404);
    assert.deepEqual(r.json<{ title: string; detail: string }>(), {
      title: 'Data Element Not Found', status: 404, detail: `Did not find data element ${MISSING} on instance ${inst.id}`,
    });
  });
});

// Error answers of app-lib's data routes the emulator must reproduce (the upload rules and routes by version
// are in quirks-data.test.ts). docs/altinn-behaviour.md §1.3
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import type { Store } from './store';
import { call, createInstance, formElement, userToken, type AppInstance } from './test-client';

const BP = 'ttd/building-permit';
const IR = 'ttd/income-report';
const MISSING = '00000000-0000-4000-8000-000000000001';

describe('emulator quirks: data error answers', () => {
  let emu: Emulator;
  let user: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 0 });
    user = await userToken(emu);
  });
  after(async () => emu.close());

  const data = (method: string, app: string, inst: AppInstance, path: string, headers: Record<string, string> = {}, body?: string) =>
    call(emu, method, `/${app}/instances/${inst.id}/${path}`, { token: user, headers, body });

  it('an unknown data element is "Data Element Not Found" (v8.5.0+) and a plain 500 on v8.3.8', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs GetInstanceDataOrError; Get/Put at v8.3.8 use First()
    const inst = await createInstance(emu, user);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const r = await data(method, BP, inst, `data/${MISSING}`, { 'Content-Type': 'application/xml' }, method === 'PUT' ? '<BuildingPermit/>' : undefined);
      assert.equal(r.status, 404, method);
      const p = r.json<{ title: string; detail: string }>();
      assert.equal(p.title, 'Data Element Not Found', method);
      assert.equal(p.detail, `Did not find data element ${MISSING} on instance ${inst.id}`, method);
    }
    const old = await createInstance(emu, user, IR);
    for (const method of ['GET', 'PUT']) {
      const r = await data(method, IR, old, `data/${MISSING}`, { 'Content-Type': 'application/xml' }, method === 'PUT' ? '<IncomeReport/>' : undefined);
      assert.deepEqual([r.status, r.text], [500, ''], method);
    }
  });

  it("form XML that does not bind is a 400 in XmlSerializer's words, at the position its reader had reached", async () => {
    // Altinn/app-lib-dotnet ModelSerializationService.cs DeserializeSingleFromStream: Detail = "{message} {inner message}";
    // the positions as in test/Altinn.App.Api.Tests/Controllers/InstancesController_PostNewInstanceTests.cs
    // PostNewInstanceWithInvalidData_EnsureInvalidResponse (a bad value: the name of the node after its element).
    const inst = await createInstance(emu, user);
    const put = (body: string) => data('PUT', BP, inst, `data/${formElement(inst)}`, { 'Content-Type': 'application/xml' }, body);
    const cases: [string, string][] = [
      [
        '<?xml version="1.0"?>\n<BuildingPermit>\n  <applicant>Ola</applicant>\n  <areaSquareMeters>lots</areaSquareMeters>\n</BuildingPermit>',
        "There is an error in XML document (5, 3). The input string 'lots' was not in a correct format.",
      ],
      [
        '<?xml version="1.0" encoding="utf-8"?><WrongRoot><applicant>Ola</applicant></WrongRoot>',
        "There is an error in XML document (1, 40). <WrongRoot xmlns=''> was not expected.",
      ],
      ['INVALID XML', 'There is an error in XML document (1, 1). Data at the root level is invalid. Line 1, position 1.'],
    ];
    for (const [body, detail] of cases) {
      const r = await put(body);
      assert.equal(r.status, 400, body);
      const p = r.json<{ title: string; detail: string }>();
      assert.deepEqual([p.title, p.detail], ['Failed to deserialize XML', detail]);
    }
  });

  it('a type alias that does not match the element is a 400 text', async () => {
    // DataController.cs Get/Put `{dataGuid:guid}/type/{dataType}`: "Data type … does not match data element …"
    const inst = await createInstance(emu, user);
    const form = formElement(inst);
    const r = await data('GET', BP, inst, `data/${form}/type/drawing`);
    assert.equal(r.status, 400);
    assert.equal(r.text, `Data type drawing does not match data element ${form}, which is of type model`);
    assert.equal((await data('GET', BP, inst, `data/${form}/type/model`)).status, 200);
  });

  it('the only element of a form type with min = max = 1 cannot be deleted, in app-lib\'s words', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Core/Internal/Data/DataElementAccessChecker.cs GetDeleteProblem
    const inst = await createInstance(emu, user);
    const r = await data('DELETE', BP, inst, `data/${formElement(inst)}`);
    assert.equal(r.status, 400);
    const p = r.json<{ title: string; detail: string }>();
    assert.equal(p.title, 'Cannot Delete main data element');
    assert.equal(p.detail, 'Cannot delete the only data element of a class with app logic');
  });

  it('an upload to an instance without a current task is 409 "No current task", binaries too', async () => {
    // DataController.cs PostImpl checks the task before it looks at the body (v8.6.0+)
    const inst = await createInstance(emu, user);
    const rec = (emu.store as Store).get(inst.id);
    assert.ok(rec);
    (emu.store as Store).quietChange(rec, (w) => {
      if (w.process) w.process = { ...w.process, currentTask: undefined };
    });
    const r = await data('POST', BP, inst, 'data/drawing', { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="a.pdf"' },
      '%PDF-1.4 x');
    assert.equal(r.status, 409);
    const p = r.json<{ title: string; detail: string }>();
    assert.deepEqual([p.title, p.detail], ['No current task', 'Cannot create data element without a current task']);
  });

  it('validate: a missing element of the task\'s type is TooFewDataElementsOfType, the code as description and the type as field', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Core/Features/Validation/Default/DefaultTaskValidator.cs (docs/altinn-behaviour.md §1.5)
    const inst = await createInstance(emu, user);
    const rec = (emu.store as Store).get(inst.id);
    assert.ok(rec);
    (emu.store as Store).quietChange(rec, (w) => (w.data = w.data.filter((d) => d.dataType !== 'model')));
    const r = await data('GET', BP, inst, 'validate');
    const issues = r.json<Array<{ code: string; description: string; field: string | null }>>();
    const few = issues.find((i) => i.code === 'TooFewDataElementsOfType');
    assert.deepEqual(few && { description: few.description, field: few.field }, { description: 'TooFewDataElementsOfType', field: 'model' });
  });
});

// Data element quirks of real Altinn the emulator must reproduce, by app-lib version and content type
// (the rest of the quirks are in quirks.test.ts).
import * as assert from 'node:assert/strict';
import { startEmulator, type Emulator } from './index';
import { call, createInstance, formElement, userToken, type AppInstance } from './test-client';

const BP = 'ttd/building-permit';

describe('emulator quirks: data elements by app-lib version and content type', () => {
  const IR = 'ttd/income-report';
  let emu: Emulator;
  let user: string;

  before(async () => {
    emu = await startEmulator({ instancesPerApp: 0 });
    user = await userToken(emu);
  });
  after(async () => emu.close());

  const post = (inst: AppInstance, app: string, path: string, contentType: string | undefined, disposition: string, body = '%PDF-1.4 x') =>
    call(emu, 'POST', `/${app}/instances/${inst.id}/${path}`, {
      token: user, headers: { ...(contentType ? { 'Content-Type': contentType } : {}), 'Content-Disposition': disposition }, body,
    });
  const issueCodes = (r: { json<T>(): T }) => r.json<{ uploadValidationIssues: Array<{ code: string }> }>().uploadValidationIssues.map((i) => i.code);

  it('a binary upload is judged by its own Content-Type, as sent: octet-stream passes only where allowed', async () => {
    // Altinn/app-lib-dotnet src/Altinn.App.Api/Helpers/RequestHandling/DataRestrictionValidation.cs CompliesWithDataRestrictions
    const inst = await createInstance(emu, user);
    // drawing allows application/pdf and image/png: a PDF sent as octet-stream passes the extension check, then is not allowed.
    const octet = await post(inst, BP, 'data/drawing', 'application/octet-stream', 'attachment; filename="plan.pdf"');
    assert.equal(octet.status, 400);
    assert.deepEqual(issueCodes(octet), ['ContentTypeNotAllowed']);
    // Parameters are not stripped: "application/pdf; x=y" is not the extension's type.
    const params = await post(inst, BP, 'data/drawing', 'application/pdf; x=y', 'attachment; filename="plan.pdf"');
    assert.equal(params.status, 400);
    assert.deepEqual(issueCodes(params), ['InvalidFileNameFormat']);
    // A type that matches the extension but is not allowed names the allowed list.
    const pptx = await post(inst, BP, 'data/drawing', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'attachment; filename="slides.pptx"');
    assert.equal(pptx.status, 400);
    assert.match(pptx.text, /Permitted content types include: application\/pdf, image\/png/);
    // Case does not matter for the type itself.
    assert.equal((await post(inst, BP, 'data/drawing', 'Application/PDF', 'attachment; filename="plan.PDF"')).status, 200);
  });

  it('form data must be application/xml or application/json: text/xml is 415 (v8.5.0+) or 400 text (v8.3.8)', async () => {
    // ModelSerializationService.DeserializeSingleFromStream (v8.5.0+); ModelDeserializer.DeserializeAsync (v8.3.8)
    const inst = await createInstance(emu, user);
    const xml = '<?xml version="1.0"?><BuildingPermit><applicant>Kari</applicant></BuildingPermit>';
    const put = (contentType: string) => call(emu, 'PUT', `/${BP}/instances/${inst.id}/data/${formElement(inst)}`, {
      token: user, headers: { 'Content-Type': contentType }, body: xml,
    });
    const textXml = await put('text/xml');
    assert.equal(textXml.status, 415);
    assert.equal(textXml.json<{ title: string }>().title, 'Unsupported content type');
    assert.equal((await put('application/xml; charset=utf-8')).status, 201);

    const old = await createInstance(emu, user, IR);
    const r = await call(emu, 'PUT', `/${IR}/instances/${old.id}/data/${formElement(old, 'report')}`, {
      token: user, headers: { 'Content-Type': 'text/xml' }, body: '<IncomeReport/>',
    });
    assert.equal(r.status, 400);
    assert.equal(r.text, 'Unknown content type text/xml. Cannot read the data.');
  });

  it('form data download is negotiated: JSON unless Accept asks for XML without */*', async () => {
    // DataController.GetFormData returns Ok(model); ASP.NET ignores an Accept holding */* (RespectBrowserAcceptHeader off)
    const inst = await createInstance(emu, user);
    const get = (accept?: string) => call(emu, 'GET', `/${BP}/instances/${inst.id}/data/${formElement(inst)}`, {
      token: user, headers: accept === undefined ? {} : { Accept: accept },
    });
    for (const accept of [undefined, '*/*', 'application/octet-stream, */*', 'application/xml, */*', 'application/octet-stream']) {
      const r = await get(accept);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/, String(accept));
      assert.doesNotThrow(() => JSON.parse(r.text));
    }
    for (const [accept, type] of [['application/xml', 'application/xml'], ['text/xml', 'text/xml'],
      ['application/json;q=0.5, application/xml', 'application/xml'], ['application/xml, application/octet-stream;q=0.9', 'application/xml']]) {
      const r = await get(accept);
      assert.equal(r.headers.get('content-type'), `${type}; charset=utf-8`, accept);
      assert.match(r.text, /<BuildingPermit/);
    }
  });

  it('an app serves the data routes of its app-lib version (ttd/income-report is v8.3.8)', async () => {
    // Altinn/app-lib-dotnet DataController.cs at tags v8.3.8, v8.5.0 (POST data/{dataType}, PATCH data), v8.6.0 (type/ aliases)
    const meta = (await call(emu, 'GET', `/${IR}/api/v1/applicationmetadata`)).json<{ altinnNugetVersion: string }>();
    assert.equal(meta.altinnNugetVersion, '8.3.8.0');
    const inst = await createInstance(emu, user, IR);
    const json = (path: string) => post(inst, IR, path, 'application/json', 'attachment; filename="m.json"', '{"a":1}');
    for (const path of ['data/metadata', 'data/type/metadata']) {
      const r = await json(path);
      assert.equal(r.status, 404, path);
      assert.equal(r.text, '', path);
    }
    const patch = await call(emu, 'PATCH', `/${IR}/instances/${inst.id}/data`, { token: user, headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(patch.status, 405);
    const report = formElement(inst, 'report');
    assert.equal((await call(emu, 'GET', `/${IR}/instances/${inst.id}/data/${report}/type/report`, { token: user })).status, 404);
    // The one upload route v8.3.8 has: 201 DataElement, and a plain 500 for a type the app does not have.
    const legacy = await json('data?dataType=metadata');
    assert.equal(legacy.status, 201);
    assert.equal(legacy.json<{ contentType: string }>().contentType, 'application/json');
    assert.equal((await json('data?dataType=nope')).status, 500);
    // Its Delete refuses form data and answers a binary delete with an empty 200.
    const del = (id: string) => call(emu, 'DELETE', `/${IR}/instances/${inst.id}/data/${id}`, { token: user });
    const formDelete = await del(report);
    assert.equal(formDelete.status, 400);
    assert.equal(formDelete.text, 'Deleting form data is not possible at this moment.');
    const binaryDelete = await del(legacy.json<{ id: string }>().id);
    assert.deepEqual([binaryDelete.status, binaryDelete.text], [200, '']);
    // A current app has all three.
    const bp = await createInstance(emu, user);
    assert.equal((await post(bp, BP, 'data/type/drawing', 'application/pdf', 'attachment; filename="a.pdf"')).status, 200);
    const unknown = await post(bp, BP, 'data?dataType=nope', 'application/pdf', 'attachment; filename="a.pdf"');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.text, 'Could not find the specified data type: "nope" in applicationmetadata.json');
  });
});

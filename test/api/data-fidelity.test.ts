// Data elements as real Altinn serves them: upload routes by app-lib version, form data content types,
// form data downloads in their stored format (XML), binary types judged by the request's Content-Type.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { AltinnApiError, type ApplicationMetadata, type Instance, UnknownFileTypeError } from '../../src/api';
import { BUILDING_PERMIT, buildingPermitXml, type Fixture, INCOME_REPORT, PDF_BYTES, requestCount, startFixture, USER_PARTY } from './helpers';

describe('api: data element fidelity', function () {
  this.timeout(30_000);
  let fx: Fixture;

  before(async () => {
    // A second model element is allowed here, so form data can be uploaded as a new element too.
    fx = await startFixture({ instancesPerApp: 0, dataTypeOverrides: { [BUILDING_PERMIT]: [{ id: 'model', maxCount: 2, minCount: 0 }] } });
  });
  after(async () => fx.close());

  const create = (appId: string): Promise<Instance> => fx.user.instances.create(appId, { owner: { partyId: USER_PARTY } });
  const posts = (since: number) => fx.logs.slice(since).filter((l) => l.method === 'POST').map((l) => new URL(l.url).pathname + new URL(l.url).search);

  it('uploads to an app on app-lib 8.3.8 through POST data?dataType= without trying the newer route', async () => {
    const inst = await create(INCOME_REPORT);
    const since = fx.logs.length;
    const result = await fx.user.data.upload(inst, 'metadata', Buffer.from('{"source":"test"}'), { filename: 'metadata.json' });
    assert.equal(result.dataElement.dataType, 'metadata');
    assert.equal(result.dataElement.contentType, 'application/json');
    assert.deepEqual(posts(since), [`/${INCOME_REPORT}/instances/${inst.id}/data?dataType=metadata`]);
    // Its Delete answers an empty 200 (DataController.cs Delete, v8.3.8).
    assert.deepEqual(await fx.user.data.delete(inst, result.dataElement.id), { instance: undefined, validationIssues: undefined });
    assert.equal(fx.emulator.store.getInstance(inst.id)?.data.some((d) => d.id === result.dataElement.id), false);
  });

  it('falls back once to the older route when the app does not say its version and the newer route is missing', async () => {
    const inst = await create(INCOME_REPORT);
    // App-lib 7 has no altinnNugetVersion in its metadata.
    const metadata: ApplicationMetadata = { ...(await fx.user.apps.metadata(INCOME_REPORT)), altinnNugetVersion: undefined };
    const since = fx.logs.length;
    const opened: Readable[] = [];
    const body = () => {
      const s = Readable.from([Buffer.from('{"a":1}')]);
      opened.push(s);
      return s;
    };
    const result = await fx.user.data.upload(inst, 'metadata', body, { filename: 'm.json', size: 7, metadata });
    assert.equal(result.dataElement.dataType, 'metadata');
    assert.deepEqual(posts(since), [
      `/${INCOME_REPORT}/instances/${inst.id}/data/metadata`,
      `/${INCOME_REPORT}/instances/${inst.id}/data?dataType=metadata`,
    ]);
    assert.equal(opened.length, 2, 'the body was opened again for the second route');
    assert.equal(fx.emulator.store.getInstance(inst.id)?.data.filter((d) => d.dataType === 'metadata').length, 1);
  });

  it('does not send an upload again after any other refusal', async () => {
    const inst = await create(BUILDING_PERMIT);
    const metadata: ApplicationMetadata = { ...(await fx.user.apps.metadata(BUILDING_PERMIT)), altinnNugetVersion: undefined };
    for (let i = 0; i < 5; i++) await fx.user.data.upload(inst, 'drawing', PDF_BYTES, { filename: `d${i}.pdf`, metadata });
    const since = fx.logs.length;
    const error = await fx.user.data.upload(inst, 'drawing', PDF_BYTES, { filename: 'd5.pdf', metadata }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 409, String(error));
    assert.equal(posts(since).length, 1);
  });

  it('downloads form data as XML, the way it is stored, and replaces it from that file', async () => {
    const inst = await create(BUILDING_PERMIT);
    const model = inst.data?.find((d) => d.dataType === 'model');
    assert.ok(model);
    await fx.user.data.replace(inst, model.id, buildingPermitXml('Kari Nordmann'), { contentType: 'application/xml' });
    const bytes = await fx.user.data.download(inst, model.id);
    assert.match(bytes.contentType ?? '', /^application\/xml/);
    assert.match(bytes.toString('utf8'), /<BuildingPermit[ >][\s\S]*Kari Nordmann/);
    const replaced = await fx.user.data.replace(inst, model.id, bytes, { contentType: 'application/xml' });
    assert.equal(replaced.id, model.id);
  });

  it('sends form data from a .xml file as application/xml (text/xml would be 415)', async () => {
    const inst = await create(BUILDING_PERMIT);
    const since = requestCount(fx);
    const result = await fx.user.data.upload(inst, 'model', buildingPermitXml('Ola'), { filename: 'model.xml' });
    assert.equal(result.dataElement.dataType, 'model');
    assert.ok(requestCount(fx) - since >= 1);
    await assert.rejects(
      fx.user.data.upload(inst, 'model', buildingPermitXml('Ola'), { filename: 'model.xml', contentType: 'text/xml' }),
      /application\/xml or application\/json/,
    );
  });

  it('asks which type a file of unknown extension is when the data type restricts types, before sending it', async () => {
    const inst = await create(BUILDING_PERMIT);
    const metadata = await fx.user.apps.metadata(BUILDING_PERMIT);
    const since = requestCount(fx);
    const error = await fx.user.data.upload(inst, 'drawing', PDF_BYTES, { filename: 'plan.tegning', metadata }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UnknownFileTypeError, String(error));
    assert.deepEqual(error.allowed, ['application/pdf', 'image/png']);
    assert.equal(requestCount(fx), since, 'nothing was sent');
  });

  it('is refused when a PDF goes as application/octet-stream to a type that allows only named types', async () => {
    const inst = await create(BUILDING_PERMIT);
    const error = await fx.user.data
      .upload(inst, 'drawing', PDF_BYTES, { filename: 'plan.pdf', contentType: 'application/octet-stream' })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 400, String(error));
    assert.deepEqual(error.validationIssues?.map((i) => i.code), ['ContentTypeNotAllowed']);
  });
});

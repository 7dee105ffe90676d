// `data get|put|upload` with the formats real Altinn asks for: form data as XML (never the JSON an Accept
// with */* gets), form data sent as application/xml, uploads to apps on older app-lib, unknown file types.
import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AltinnClient } from '../../src/api';
import type { Emulator } from '../emulator/index';
import { assertBuilt, type CliHome, orgToken, runCli, startCliWorld, userToken } from './helpers';

const BUILDING_PERMIT = 'ttd/building-permit';
const INCOME_REPORT = 'ttd/income-report';

describe('cli: data formats', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let home: CliHome;
  let user: string;
  let api: AltinnClient;
  const asUser = (): Record<string, string | undefined> => home.env({ ALTINN_TOKEN: user });
  const newInstance = (appId: string) => api.instances.create(appId, { owner: { partyId: 501337 } });

  before(async () => {
    assertBuilt();
    // A second model element is allowed, so form data can be uploaded as a new element.
    ({ emulator, home, api } = await startCliWorld({ port: 0, instancesPerApp: 0, dataTypeOverrides: { [BUILDING_PERMIT]: [{ id: 'model', maxCount: 2, minCount: 0 }] } }));
    user = await userToken(emulator.url);
  });
  after(async () => {
    await emulator?.close();
    await home?.dispose();
  });

  it('data get of form data writes XML into model.xml, and data put of that file succeeds', async () => {
    const instance = await newInstance(BUILDING_PERMIT);
    const model = instance.data!.find((d) => d.dataType === 'model')!;
    const source = path.join(home.root, 'start.xml');
    await writeFile(source, '<?xml version="1.0"?><BuildingPermit><applicant>Kari</applicant><address>Vei 2</address><areaSquareMeters>80</areaSquareMeters></BuildingPermit>');
    assert.equal((await runCli(['data', 'put', instance.id, model.id, source], { env: asUser() })).code, 0);
    const file = path.join(home.root, 'model.xml');
    const get = await runCli(['data', 'get', instance.id, model.id, '-o', file], { env: asUser() });
    assert.equal(get.code, 0, get.stderr);
    const saved = await readFile(file, 'utf8');
    assert.match(saved, /^<\?xml[^>]*>\s*<BuildingPermit[ >]/);
    assert.match(saved, /<applicant>Kari<\/applicant>/);
    const put = await runCli(['data', 'put', instance.id, model.id, file], { env: asUser() });
    assert.equal(put.code, 0, put.stderr);
  });

  it('export writes form data as XML', async () => {
    const owner = await orgToken(emulator.url);
    const instance = await newInstance(BUILDING_PERMIT);
    const out = path.join(home.root, 'export');
    const run = await runCli(['export', BUILDING_PERMIT, '--out', out, '--party', '501337'], { env: home.env({ ALTINN_TOKEN: owner }), timeoutMs: 120_000 });
    assert.equal(run.code, 0, run.stderr);
    const folder = path.join(out, ...instance.id.split('/'));
    const model = (await readdir(folder)).find((f) => f.endsWith('-model.xml'));
    assert.ok(model, `no model file in ${folder}`);
    assert.match(await readFile(path.join(folder, model), 'utf8'), /^<\?xml[^>]*>\s*<BuildingPermit[ >]/);
  });

  it('data upload of a .xml file as form data sends application/xml; a .json file application/json', async () => {
    const instance = await newInstance(BUILDING_PERMIT);
    const xml = path.join(home.root, 'second.xml');
    await writeFile(xml, '<?xml version="1.0"?><BuildingPermit><applicant>Ola</applicant></BuildingPermit>');
    const up = await runCli(['data', 'upload', instance.id, 'model', xml, '--json'], { env: asUser() });
    assert.equal(up.code, 0, up.stderr);
    const id = (JSON.parse(up.stdout) as { dataElement: { id: string } }).dataElement.id;
    const json = path.join(home.root, 'replacement.json');
    await writeFile(json, JSON.stringify({ applicant: 'Per', address: 'Gate 3', areaSquareMeters: 42 }));
    const put = await runCli(['data', 'put', instance.id, id, json], { env: asUser() });
    assert.equal(put.code, 0, put.stderr);
    const refused = await runCli(['data', 'upload', instance.id, 'model', xml, '--content-type', 'text/xml'], { env: asUser() });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /application\/xml or application\/json, not text\/xml/);
  });

  it('data upload reaches an app on app-lib 8.3.8, which has only POST data?dataType=', async () => {
    const instance = await newInstance(INCOME_REPORT);
    const file = path.join(home.root, 'metadata.json');
    await writeFile(file, '{"source":"cli"}');
    const up = await runCli(['data', 'upload', instance.id, 'metadata', file, '--json'], { env: asUser() });
    assert.equal(up.code, 0, up.stderr);
    const element = (JSON.parse(up.stdout) as { dataElement: { dataType: string; contentType: string } }).dataElement;
    assert.deepEqual([element.dataType, element.contentType], ['metadata', 'application/json']);
  });

  it('data upload of a file whose type is unknown names the allowed types and --content-type', async () => {
    const instance = await newInstance(BUILDING_PERMIT);
    const file = path.join(home.root, 'plan.tegning');
    await writeFile(file, '%PDF-1.4 x');
    const up = await runCli(['data', 'upload', instance.id, 'drawing', file], { env: asUser() });
    assert.equal(up.code, 1);
    assert.match(up.stderr, /^error: The type of "plan\.tegning" is not known from its extension, and drawing accepts only application\/pdf, image\/png/m);
    assert.match(up.stderr, /--content-type, one of: application\/pdf, image\/png/);
    assert.equal(emulator.store.getInstance(instance.id)?.data.filter((d) => d.dataType === 'drawing').length, 0);
  });
});

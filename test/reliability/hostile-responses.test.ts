// Issue 8, hostile server answers: oversized and endless JSON, answers that never end, HTML or XML where
// JSON belongs, and a Content-Disposition filename of `../../x`: each fails clearly (no hang, no memory
// exhaustion) and a download never writes outside the folder the user chose.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AltinnClient, Environment } from '../../src/api';
import { downloadElements } from '../../src/fs/downloads';
import { childPath, safeFileName } from '../../src/fs/filenames';
import { BUILDING_PERMIT, PDF_BYTES } from '../api/helpers';
import { assertApiError, failureOf } from './harness';
import { endlessJson, type HostileServer, startHostileServer } from './hostile-server';

const GUID = '5a2fa5ec-f97c-4816-b57a-dc78a981917e';

describe('reliability: hostile server answers', function () {
  this.timeout(60_000);
  let badInputs = 0;
  let hostile: HostileServer;
  let client: AltinnClient;
  let dir: string;
  const TOKEN = 'hostile-test-token-should-never-leak';
  const clientWith = (extra: Partial<ConstructorParameters<typeof AltinnClient>[0]> = {}): AltinnClient =>
    new AltinnClient({
      environment: new Environment({ id: 'hostile', name: 'Hostile', kind: 'emulator', url: hostile.url }),
      getToken: async () => TOKEN,
      retry: { limit: 0 },
      timeoutMs: 2_000,
      ...extra,
    });

  before(async () => {
    hostile = await startHostileServer();
    client = clientWith();
    dir = mkdtempSync(path.join(tmpdir(), 'altinn-hostile-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await hostile?.close();
  });

  it('an endless JSON body is cut off at the size cap with a clear error, not read into memory', async () => {
    badInputs += 1;
    hostile.route(/^\/storage\/api\/v1\/applications$/, (_req, res) => endlessJson(res));
    const capped = clientWith({ maxResponseBytes: 1024 * 1024 });
    const error = await failureOf(capped.apps.list());
    const e = assertApiError(error, { kind: 'http', method: 'GET' });
    assert.match(e.message, /larger than 1 MiB/);
    await waitFor(() => hostile.abandoned.includes('/storage/api/v1/applications'));
  });

  it('the default cap (32 MiB) holds too', async () => {
    badInputs += 1;
    hostile.route(/^\/storage\/api\/v1\/applications\/ttd$/, (_req, res) => endlessJson(res));
    const e = assertApiError(await failureOf(client.apps.list('ttd')), { kind: 'http' });
    assert.match(e.message, /larger than 32 MiB/);
  });

  it('an announced 2 GB JSON body is refused as soon as its length is known', async () => {
    badInputs += 1;
    hostile.route(/^\/storage\/api\/v1\/applications\/ttd\/building-permit$/, (_req, res) => endlessJson(res, 2 * 1024 ** 3));
    const e = assertApiError(await failureOf(client.apps.get(BUILDING_PERMIT)), { kind: 'http' });
    assert.match(e.message, /larger than/);
  });

  it('an answer that never ends times out instead of hanging', async () => {
    badInputs += 1;
    hostile.route(/^\/storage\/api\/v1\/instances\/\d+\/[0-9a-f-]+$/, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    const e = assertApiError(await failureOf(clientWith({ timeoutMs: 500 }).instances.get(`501337/${GUID}`)), {});
    assert.ok(e.kind === 'timeout' || e.kind === 'network', e.message);
  });

  it('HTML where JSON belongs is an error, not an empty list', async () => {
    badInputs += 1;
    hostile.route(/^\/storage\/api\/v1\/instances$/, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Please sign in to the Wi-Fi</body></html>');
    });
    const e = assertApiError(await failureOf(client.instances.query({ appId: BUILDING_PERMIT })), { kind: 'http', status: 200 });
    assert.match(e.message, /text\/html where JSON was expected/);
  });

  it('a body that claims to be JSON but is not is an error', async () => {
    badInputs += 1;
    hostile.route(/^\/ttd\/building-permit\/instances\/\d+\/[0-9a-f-]+\/process$/, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"currentTask": ');
    });
    const e = assertApiError(await failureOf(client.process.get({ appId: BUILDING_PERMIT, id: `501337/${GUID}` })), { kind: 'http' });
    assert.match(e.message, /where JSON was expected/);
  });

  it('form data asked for as JSON but answered as XML is an error, not a string posing as the model', async () => {
    badInputs += 1;
    hostile.route(/^\/ttd\/building-permit\/instances\/\d+\/[0-9a-f-]+\/data\/[0-9a-f-]+$/, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<BuildingPermit><applicant>x</applicant></BuildingPermit>');
    });
    const e = assertApiError(await failureOf(client.data.getFormData({ appId: BUILDING_PERMIT, id: `501337/${GUID}` }, GUID, 'json')), { kind: 'http' });
    assert.match(e.message, /application\/xml where JSON was expected/);
  });

  it('an events page that is not JSON is an AltinnApiError, not a SyntaxError', async () => {
    badInputs += 1;
    hostile.route(/^\/events\/api\/v1\/app\/ttd\/building-permit$/, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/cloudevents+json' }).end('<html>gateway error</html>');
    });
    const e = assertApiError(await failureOf(client.events.app(BUILDING_PERMIT, { after: '0' })), { kind: 'http' });
    assert.match(e.message, /did not return a list/);
  });

  it('a Content-Disposition of ../../x: downloadTo writes only the chosen file, and the reported name is made harmless', async () => {
    badInputs += 1;
    hostile.route(/\/data\/[0-9a-f-]+$/, (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="../../x"; filename*=UTF-8''..%2F..%2Fevil.sh`,
        'content-length': String(PDF_BYTES.length),
      });
      res.end(PDF_BYTES);
    });
    const folder = path.join(dir, 'a', 'b');
    mkdirSync(folder, { recursive: true });
    const target = path.join(folder, 'chosen.pdf');
    const result = await client.data.downloadTo({ appId: BUILDING_PERMIT, id: `501337/${GUID}` }, GUID, target);
    assert.equal(result.path, target);
    assert.deepEqual(readdirSync(folder), ['chosen.pdf']);
    assert.deepEqual(readdirSync(dir), ['a']);
    assert.deepEqual(readdirSync(path.join(dir, 'a')), ['b']);
    // The header's name is only reported; anyone who uses it goes through the sanitizer.
    assert.equal(result.filename, '../../evil.sh');
    const safe = safeFileName(result.filename, 'download.bin');
    assert.equal(safe, 'evil.sh');
    assert.equal(path.dirname(childPath(folder, safe)), folder);
  });

  it("an element's stored filename of ../../x lands inside the chosen folder (src/fs/downloads.ts)", async () => {
    badInputs += 1;
    // `../../x` from dir/one/two would be dir/x: the whole tree under dir is checked afterwards.
    const root = path.join(dir, 'tree');
    const folder = path.join(root, 'one', 'two');
    mkdirSync(folder, { recursive: true });
    const element = { id: GUID, dataType: 'drawing', contentType: 'application/pdf', filename: '../../x', size: PDF_BYTES.length } as const;
    const written = await downloadElements(
      () => client,
      [{ ref: { appId: BUILDING_PERMIT, id: `501337/${GUID}` }, element: { ...element } as never, dataType: undefined, folder }],
      { bytes: () => undefined, file: () => undefined },
      new AbortController().signal,
    );
    assert.equal(written.length, 1);
    assert.equal(path.dirname(written[0]), folder);
    assert.deepEqual(readdirSync(folder), [path.basename(written[0])]);
    assert.equal(existsSync(path.join(root, 'x')), false);
    assert.deepEqual(readdirSync(root), ['one']);
    assert.deepEqual(readdirSync(path.join(root, 'one')), ['two']);
  });
  after(() => console.log(`      hostile-server summary: ${badInputs} hostile answers, each failed clearly or stayed inside its folder`));
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}


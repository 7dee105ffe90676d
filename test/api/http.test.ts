// What goes on the wire, checked with a bare local server: user agent, Accept, bearer token,
// upload headers, and no retry of state-changing requests.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { AltinnApiError, AltinnClient, DEFAULT_USER_AGENT, Environment } from '../../src/api';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

describe('api: HTTP wire behaviour', function () {
  this.timeout(20_000);
  let server: Server;
  let seen: Seen[] = [];
  let reply: (req: Seen) => { status: number; headers?: Record<string, string>; body?: string } = () => ({ status: 200, body: '{}' });
  let client: AltinnClient;
  const ref = { appId: 'ttd/building-permit', id: '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e' };

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const s = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
        seen.push(s);
        const r = reply(s);
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new AltinnClient({ environment: new Environment({ id: 'e', name: 'E', kind: 'emulator', url }), getToken: async () => 'tok.en.x' });
  });
  beforeEach(() => {
    seen = [];
    reply = () => ({ status: 200, body: '{}' });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the user agent, Accept and the bearer token', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ id: 'ttd/building-permit', org: 'ttd', dataTypes: [] }) });
    await client.apps.get('ttd/building-permit');
    assert.equal(seen[0].headers['user-agent'], DEFAULT_USER_AGENT);
    assert.match(DEFAULT_USER_AGENT, /^altinn-explorer\/\d+\.\d+\.\d+/);
    assert.equal(seen[0].headers.accept, 'application/json');
    assert.equal(seen[0].headers.authorization, 'Bearer tok.en.x');
    assert.equal(seen[0].url, '/storage/api/v1/applications/ttd/building-permit');
  });

  it('asks for XML or JSON form data by Accept', async () => {
    reply = () => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    assert.equal(await client.data.getFormData(ref, '0f0f0f0f-0000-4000-8000-000000000001', 'xml'), '<a/>');
    assert.equal(seen[0].headers.accept, 'application/xml');
  });

  it('uploads with Content-Type and an RFC 5987 Content-Disposition, streamed bodies too', async () => {
    reply = () => ({ status: 200, body: JSON.stringify({ newDataElementId: 'd1', instance: { id: ref.id, appId: ref.appId, org: 'ttd', instanceOwner: { partyId: '501337' }, data: [{ id: 'd1', dataType: 'drawing' }] } }) });
    // With the app's metadata at hand no metadata request goes out; v8.5.0+ takes POST data/{dataType}.
    const metadata = { id: 'ttd/building-permit', org: 'ttd', altinnNugetVersion: '8.12.7.0', dataTypes: [{ id: 'drawing', allowedContentTypes: ['application/pdf', 'image/png'] }] };
    await client.data.upload(ref, 'drawing', Buffer.from('%PDF'), { filename: 'Søknad.pdf', metadata });
    assert.equal(seen[0].method, 'POST');
    assert.equal(seen[0].url, `/ttd/building-permit/instances/${ref.id}/data/drawing`);
    assert.equal(seen[0].headers['content-type'], 'application/pdf');
    assert.equal(seen[0].headers['content-disposition'], `attachment; filename="S_knad.pdf"; filename*=UTF-8''S%C3%B8knad.pdf`);
    const stream = Readable.from([Buffer.from('abc'), Buffer.from('def')]);
    await client.data.upload(ref, 'drawing', stream, { filename: 'x.png', size: 6, metadata });
    assert.equal(seen[1].headers['content-type'], 'image/png');
    assert.equal(seen[1].headers['content-length'], '6');
    assert.equal(seen[1].body.toString(), 'abcdef');
  });

  it('sends the owner party id in the template, not the query (docs/altinn-behaviour.md §1.2)', async () => {
    // Altinn/app-lib-dotnet InstancesController.Post: a `{}` template with ?instanceOwnerPartyId= is a 400.
    reply = () => ({ status: 201, body: JSON.stringify({ id: ref.id, appId: ref.appId, org: 'ttd', instanceOwner: { partyId: 501337 }, status: { readStatus: 1 } }) });
    const inst = await client.instances.create('ttd/building-permit', { owner: { partyId: 501337 } });
    assert.equal(seen[0].url, '/ttd/building-permit/instances');
    assert.match(String(seen[0].headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(seen[0].body.toString()), { instanceOwner: { partyId: '501337' } });
    // App wire form normalized: partyId a string, readStatus a name.
    assert.equal(inst.instanceOwner.partyId, '501337');
    assert.equal(inst.status?.readStatus, 'Read');
  });

  it('sends multipart creation with an instance part and data parts', async () => {
    reply = () => ({ status: 201, body: JSON.stringify({ id: ref.id, appId: ref.appId, org: 'ttd', instanceOwner: { partyId: '501337' } }) });
    await client.instances.create('ttd/building-permit', { owner: { organisationNumber: '405003309' }, parts: [{ dataType: 'model', contentType: 'application/xml', body: '<BuildingPermit/>' }] });
    assert.match(String(seen[0].headers['content-type']), /^multipart\/form-data; boundary=/);
    const body = seen[0].body.toString();
    assert.match(body, /name="instance"[^\r]*\r\nContent-Type: application\/json/);
    assert.match(body, /"instanceOwner":\{"organisationNumber":"405003309"\}/);
    assert.match(body, /name="model"; filename="model.xml"\r\nContent-Type: application\/xml\r\n\r\n<BuildingPermit\/>/);
  });

  it('never retries PUT, POST or DELETE, even on 503', async () => {
    reply = () => ({ status: 503, body: '' });
    for (const call of [() => client.process.next(ref), () => client.instances.complete(ref), () => client.instances.delete(ref)]) {
      seen = [];
      await assert.rejects(call(), (e: unknown) => e instanceof AltinnApiError && e.status === 503);
      assert.equal(seen.length, 1);
    }
  });

  it('retries a GET on 503 twice, then gives up; never on 500', async () => {
    let n = 0;
    reply = () => (++n <= 2 ? { status: 503, body: '' } : { status: 200, body: JSON.stringify({ applications: [] }) });
    assert.deepEqual(await client.apps.list(), []);
    assert.equal(seen.length, 3);
    seen = [];
    reply = () => ({ status: 503, body: '' });
    await assert.rejects(client.apps.list(), (e: unknown) => e instanceof AltinnApiError && e.status === 503);
    assert.equal(seen.length, 3);
    seen = [];
    reply = () => ({ status: 500, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ title: 'Boom', status: 500 }) });
    await assert.rejects(client.apps.list(), (e: unknown) => e instanceof AltinnApiError && e.message === 'Boom (500)');
    assert.equal(seen.length, 1);
  });

  it('an abort during retry backoff rejects as a cancellation without further attempts', async () => {
    reply = () => ({ status: 503, headers: { 'retry-after': '5' }, body: '' });
    const controller = new AbortController();
    const pending = client.apps.list(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(pending, (e: unknown) => e instanceof AltinnApiError && e.kind === 'aborted');
    assert.equal(seen.length, 1);
  });

  it('asks the token provider again once after a 401, naming the refused token, also for a PUT', async () => {
    const asked: [boolean, string | undefined][] = [];
    const url = client.environment.platformUrl;
    const c = new AltinnClient({
      environment: client.environment,
      getToken: async ({ forceRefresh, rejectedToken }) => (asked.push([forceRefresh, rejectedToken]), forceRefresh ? 'new.to.ken' : 'old.to.ken'),
    });
    reply = (req) => (req.headers.authorization === 'Bearer new.to.ken' ? { status: 200, body: JSON.stringify({ started: 'x' }) } : { status: 401, body: '' });
    const state = await c.process.next(ref, { action: 'sign' });
    assert.equal(state.started, 'x');
    assert.deepEqual(asked, [
      [false, undefined],
      [true, 'old.to.ken'],
    ]);
    assert.equal(seen.length, 2);
    assert.deepEqual(JSON.parse(seen[1].body.toString()), { action: 'sign' });
    assert.ok(url.startsWith('http://127.0.0.1'));
  });

  it('re-targets Storage’s next link onto the configured base', async () => {
    let n = 0;
    reply = (req) => {
      n++;
      const instances = n === 1 ? [{ id: ref.id, appId: ref.appId, org: 'ttd', instanceOwner: { partyId: '501337' } }] : [];
      const next = n === 1 ? `https://platform.elsewhere.example/storage/api/v1/instances?appId=ttd%2Fbuilding-permit&size=1&continuationToken=abc%3B1` : undefined;
      return { status: 200, body: JSON.stringify({ count: instances.length, self: req.url, next, instances }) };
    };
    const all = [];
    for await (const i of client.instances.iterate({ appId: 'ttd/building-permit', size: 1 })) all.push(i);
    assert.equal(all.length, 1);
    assert.equal(seen.length, 2);
    assert.equal(seen[1].url, '/storage/api/v1/instances?appId=ttd%2Fbuilding-permit&size=1&continuationToken=abc%3B1');
  });
});

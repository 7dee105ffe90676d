// Emulator machinery: persistence across restarts, seed volume, faults, large blobs, sign-in flows.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from './index';
import { call, createInstance, orgToken, userToken } from './test-client';

describe('emulator machinery', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'emu-test-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its state across a restart with dataFile, written atomically', async () => {
    const file = join(dir, 'state.json');
    const first = await startEmulator({ dataFile: file });
    const inst = await createInstance(first, await userToken(first));
    await first.close();
    assert.ok(existsSync(file));
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), []);
    JSON.parse(readFileSync(file, 'utf8'));
    const second = await startEmulator({ dataFile: file });
    try {
      const r = await call(second, 'GET', `/ttd/building-permit/instances/${inst.id}`, { token: await userToken(second) });
      assert.equal(r.status, 200);
      assert.match(r.json<{ selfLinks: { apps: string } }>().selfLinks.apps, new RegExp(`^${second.url}/`));
      assert.equal(second.store.countInstances(), first.store.countInstances());
    } finally {
      await second.close();
    }
  });

  it('persists generated volume instances as a count plus the changed ones', async () => {
    const file = join(dir, 'volume.json');
    const first = await startEmulator({ dataFile: file, instancesPerApp: 500 });
    const org = await orgToken(first);
    const page = (await call(first, 'GET', '/storage/api/v1/instances?appId=ttd/income-report&size=200', { token: org }))
      .json<{ instances: Array<{ id: string }> }>();
    const target = page.instances[150].id;
    const put = await call(first, 'PUT', `/ttd/income-report/instances/${target}/substatus`, {
      token: org, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ label: 'kept' }) });
    assert.equal(put.status, 200);
    await first.close();
    assert.ok(readFileSync(file, 'utf8').length < 2_000_000, 'unchanged generated instances are not written out');
    const second = await startEmulator({ dataFile: file });
    try {
      assert.equal(second.store.countInstances(), 4 * 520);
      assert.equal(second.store.getInstance(target)?.status.substatus?.label, 'kept');
      const top = (await call(second, 'GET', '/storage/api/v1/instances?appId=ttd/income-report&size=1', { token: await orgToken(second) }))
        .json<{ instances: Array<{ id: string }> }>();
      assert.equal(top.instances[0].id, target);
      assert.equal(second.store.getInstance(page.instances[199].id)?.id, page.instances[199].id);
    } finally {
      await second.close();
    }
  });

  it('seeds 20 instances per app plus instancesPerApp generated ones, served and changed like the rest', async () => {
    const emu = await startEmulator({ instancesPerApp: 2000 });
    try {
      assert.equal(emu.store.countInstances(), 4 * 2020);
      assert.equal(emu.store.countInstances('ttd/income-report'), 2020);
      const org = await orgToken(emu);
      const page = (await call(emu, 'GET', '/storage/api/v1/instances?appId=ttd/income-report&size=100', { token: org })).json<{ count: number; next: string }>();
      assert.equal(page.count, 100);
      assert.ok(page.next);
      const deep = (await call(emu, 'GET', `${page.next.replace(emu.url, '')}`, { token: org })).json<{ instances: Array<{ id: string }> }>();
      const generated = deep.instances[99].id;
      assert.equal((await call(emu, 'GET', `/storage/api/v1/instances/${generated}`, { token: org })).status, 200);
      const viaApp = await call(emu, 'GET', `/ttd/income-report/instances/${generated}`, { token: org });
      assert.equal(viaApp.json<{ id: string }>().id, generated);
      const substatus = await call(emu, 'PUT', `/ttd/income-report/instances/${generated}/substatus`, {
        token: org, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ label: 'checked' }) });
      assert.equal(substatus.status, 200);
      const newest = (await call(emu, 'GET', '/storage/api/v1/instances?appId=ttd/income-report&size=1', { token: org }))
        .json<{ instances: Array<{ id: string }> }>();
      assert.equal(newest.instances[0].id, generated, 'a changed instance moves to the top of desc:lastChanged');
    } finally {
      await emu.close();
    }
  });

  describe('faults and streams', () => {
    let emu: Emulator;
    let user: string;
    before(async () => {
      emu = await startEmulator();
      user = await userToken(emu);
    });
    after(async () => emu.close());
    afterEach(() => emu.faults.reset());

    it('status faults answer 429 with Retry-After, then stop after `times`', async () => {
      await call(emu, 'POST', '/_emulator/faults', { body: JSON.stringify({ path: '^/storage/', kind: 'status', status: 429, retryAfterSeconds: 7, times: 1 }) });
      const first = await call(emu, 'GET', '/storage/api/v1/applications');
      assert.equal(first.status, 429);
      assert.equal(first.headers.get('retry-after'), '7');
      assert.equal((await call(emu, 'GET', '/storage/api/v1/applications')).status, 200);
    });

    it('reset destroys the connection and truncate sends half the promised body', async () => {
      emu.faults.add({ path: 'applications$', kind: 'reset', times: 1 });
      await assert.rejects(call(emu, 'GET', '/storage/api/v1/applications'));
      emu.faults.add({ path: 'applications$', kind: 'truncate', times: 1 });
      const got = await new Promise<{ length: number; received: number; error: boolean }>((resolve) => {
        request(`${emu.url}/storage/api/v1/applications`, (res) => {
          let received = 0;
          res.on('data', (c: Buffer) => (received += c.length));
          const done = (error: boolean) => resolve({ length: Number(res.headers['content-length']), received, error });
          res.on('end', () => done(false));
          res.on('error', () => done(true));
          res.on('aborted', () => done(true));
        }).end();
      });
      assert.ok(got.received < got.length, `received ${got.received} of ${got.length}`);
    });

    it('counts process/next requests per instance', async () => {
      const inst = await createInstance(emu, user);
      await call(emu, 'PUT', `/ttd/building-permit/instances/${inst.id}/process/next`, { token: user });
      await call(emu, 'PUT', `/ttd/building-permit/instances/${inst.id}/process/next`, { token: user });
      const stats = (await call(emu, 'GET', '/_emulator/stats')).json<{ processNextCount: Record<string, number>; instancesCreated: number }>();
      assert.equal(stats.processNextCount[inst.id], 2);
      assert.ok(stats.instancesCreated >= 1);
    });

    it('streams a 200 MB synthetic attachment with its full Content-Length', async () => {
      const inst = await createInstance(emu, user);
      const size = 200 * 1024 * 1024;
      const el = emu.store.putSyntheticBlob(inst.id, 'drawing', size, { filename: 'big.pdf', contentType: 'application/pdf' });
      const received = await new Promise<number>((resolve, reject) => {
        request(`${emu.url}/ttd/building-permit/instances/${inst.id}/data/${el.id}`, { headers: { Authorization: `Bearer ${user}` } }, (res) => {
          assert.equal(res.statusCode, 200);
          assert.equal(Number(res.headers['content-length']), size);
          assert.match(String(res.headers['content-disposition']), /filename=big\.pdf/);
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        }).end();
      });
      assert.equal(received, size);
    });

    it('signs in through Maskinporten → exchange → Storage, and refreshes', async () => {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      emu.registerMaskinportenClient({ clientId: 'bench-client', keyId: 'k1', orgNumber: '405003309',
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'] });
      const now = Math.floor(Date.now() / 1000);
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const input = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ iss: 'bench-client', aud: `${emu.url}/maskinporten/`,
        scope: 'altinn:serviceowner/instances.read', iat: now, exp: now + 60, jti: 'x' })}`;
      const assertion = `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
      const tok = await call(emu, 'POST', '/maskinporten/token', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString() });
      assert.equal(tok.status, 200);
      const mp = tok.json<{ access_token: string; token_type: string }>();
      assert.equal(mp.token_type, 'Bearer');
      assert.equal((await call(emu, 'GET', '/storage/api/v1/instances?appId=ttd/income-report', { token: mp.access_token })).status, 401);
      const altinn = await call(emu, 'GET', '/authentication/api/v1/exchange/maskinporten', { token: mp.access_token });
      assert.equal(altinn.status, 200);
      assert.equal((await call(emu, 'GET', '/storage/api/v1/instances?appId=ttd/income-report', { token: altinn.text })).status, 200);
      const refreshed = await call(emu, 'GET', '/authentication/api/v1/refresh', { token: altinn.text });
      assert.equal(refreshed.status, 200);
      assert.equal((await call(emu, 'GET', '/authentication/api/v1/exchange/nope', { token: mp.access_token })).status, 400);
    });

    it('accepts the AltinnStudioRuntime cookie, with an antiforgery token for unsafe verbs', async () => {
      // docs/altinn-behaviour.md §1 intro (cookie + X-XSRF-TOKEN / AS-XSRF-TOKEN; bearer-only requests skip the check)
      const cookie = `AltinnStudioRuntime=${user}`;
      assert.equal((await call(emu, 'GET', '/storage/api/v1/instances?instanceOwner.partyId=501337', { headers: { Cookie: cookie } })).status, 200);
      const create = '/ttd/building-permit/instances?instanceOwnerPartyId=501337';
      assert.equal((await call(emu, 'POST', create, { headers: { Cookie: cookie } })).status, 400);
      const withXsrf = await call(emu, 'POST', create, { headers: { Cookie: `${cookie}; AS-XSRF-TOKEN=abc`, 'X-XSRF-TOKEN': 'abc' } });
      assert.equal(withXsrf.status, 201);
    });

    it('exchanges an ID-porten token for a user token and rejects expired tokens', async () => {
      const idp = (await call(emu, 'GET', '/_emulator/idporten-token?pid=01039012345')).text;
      const altinn = await call(emu, 'GET', '/authentication/api/v1/exchange/id-porten', { token: idp });
      assert.equal(altinn.status, 200);
      assert.equal((await call(emu, 'GET', '/storage/api/v1/instances?instanceOwner.partyId=501337', { token: altinn.text })).status, 200);
      const expired = emu.issueToken({ 'urn:altinn:userid': '1337', 'urn:altinn:partyid': '501337' }, -10);
      assert.equal((await call(emu, 'GET', '/storage/api/v1/instances?instanceOwner.partyId=501337', { token: expired })).status, 401);
    });
  });
});

// Retries, cancellation, 401 re-authentication, timeouts and logging against the emulator's fault injection.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AltinnApiError, type Instance } from '../../src/api';
import { BUILDING_PERMIT, buildingPermitXml, cachingProvider, clientFor, type Fixture, OWNER_SCOPES, requestCount, startFixture, TTD_ORG_NUMBER, USER_PARTY } from './helpers';

describe('api: reliability', function () {
  this.timeout(60_000);
  let fx: Fixture;
  let dir: string;
  before(async () => {
    fx = await startFixture();
    dir = mkdtempSync(path.join(tmpdir(), 'altinn-api-test-'));
  });
  afterEach(() => fx.emulator.faults.reset());
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fx?.close();
  });

  async function readyInstance(): Promise<Instance> {
    const inst = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    const model = inst.data!.find((d) => d.dataType === 'model')!;
    await fx.owner.data.replace(inst, model.id, buildingPermitXml('Retry Tester'), { contentType: 'application/xml' });
    return inst;
  }

  it('a GET that meets two 503s is retried and then succeeds', async () => {
    const inst = await readyInstance();
    await fx.owner.instances.get(inst); // token is cached before counting
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances/\\d+/[0-9a-f-]+$', kind: 'status', status: 503, times: 2 });
    const before = requestCount(fx);
    fx.logs.length = 0;
    const got = await fx.owner.instances.get(inst);
    assert.equal(got.id, inst.id);
    assert.equal(requestCount(fx) - before, 3, 'two failed attempts and one success');
    assert.deepEqual(fx.logs.map((l) => l.status), [503, 503, 200]);
  });

  it('a GET that keeps meeting 503 gives up after two retries with a clear error', async () => {
    const inst = await readyInstance();
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances/\\d+/[0-9a-f-]+$', kind: 'status', status: 503 });
    const before = requestCount(fx);
    const error = await fx.owner.instances.get(inst).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 503, String(error));
    assert.equal(requestCount(fx) - before, 3);
  });

  it('a GET whose connection is reset is retried', async () => {
    const inst = await readyInstance();
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances/\\d+/[0-9a-f-]+/dataelements$', kind: 'reset', times: 1 });
    const before = requestCount(fx);
    const list = await fx.owner.data.list(inst);
    assert.ok(list.length > 0);
    assert.equal(requestCount(fx) - before, 2);
  });

  it('honours Retry-After on 429', async () => {
    const inst = await readyInstance();
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances/\\d+/[0-9a-f-]+$', kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    fx.logs.length = 0;
    const got = await fx.owner.instances.get(inst);
    assert.equal(got.id, inst.id);
    assert.deepEqual(fx.logs.map((l) => l.status), [429, 200]);
  });

  it('a PUT process/next that meets a 503 is not retried, reports it, and moves the process at most once', async () => {
    const inst = await readyInstance();
    fx.emulator.faults.add({ method: 'PUT', path: '/process/next$', kind: 'status', status: 503, times: 1 });
    const before = requestCount(fx);
    const error = await fx.owner.process.next(inst).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError, String(error));
    assert.equal(error.status, 503);
    assert.equal(error.method, 'PUT');
    assert.equal(requestCount(fx) - before, 1, 'exactly one PUT reached the emulator');
    assert.ok((fx.emulator.store.stats.processNextCount[inst.id] ?? 0) <= 1);
    const state = await fx.owner.process.get(inst);
    assert.ok(['Task_1', 'Task_2'].includes(state.currentTask?.elementId ?? ''), JSON.stringify(state));
  });

  it('a POST upload that meets a connection reset is not retried', async () => {
    const inst = await readyInstance();
    fx.emulator.faults.add({ method: 'POST', path: '/data/drawing$', kind: 'reset', times: 1 });
    const metadata = await fx.owner.apps.metadata(BUILDING_PERMIT);
    const before = requestCount(fx);
    const error = await fx.owner.data.upload(inst, 'drawing', Buffer.from('%PDF-1.4 x'), { filename: 'x.pdf', metadata }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.kind === 'network', String(error));
    assert.equal(requestCount(fx) - before, 1);
  });

  it('asks for a new token once after a 401 and then succeeds', async () => {
    const calls: { forceRefresh: boolean }[] = [];
    let first = true;
    const provider = cachingProvider(async () => {
      if (first) {
        first = false;
        // A stale token: right shape, signature no longer valid.
        const t = await fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES });
        return `${t.slice(0, t.lastIndexOf('.') + 1)}${Buffer.from('stale').toString('base64url')}`;
      }
      return fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES });
    }, calls);
    const client = clientFor(fx, provider);
    const apps = await client.instances.query({ appId: BUILDING_PERMIT, size: 1 });
    assert.equal(apps.instances.length, 1);
    assert.deepEqual(calls, [{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('asks only once: a second 401 is reported', async () => {
    const calls: { forceRefresh: boolean }[] = [];
    const client = clientFor(fx, async (o) => {
      calls.push(o);
      return 'not.a.token';
    });
    const error = await client.instances.query({ appId: BUILDING_PERMIT }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 401, String(error));
    assert.equal(calls.length, 2);
  });

  it('times out a request that gets no answer', async () => {
    const client = clientFor(fx, cachingProvider(() => fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES })), { timeoutMs: 300, retry: { limit: 0 } });
    await client.apps.get(BUILDING_PERMIT);
    fx.emulator.faults.add({ path: '^/storage/api/v1/applications/ttd/building-permit$', kind: 'latency', latencyMs: 1500, times: 1 });
    const error = await client.apps.get(BUILDING_PERMIT).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.kind === 'timeout', String(error));
  });

  it('an aborted call rejects as a cancellation', async () => {
    fx.emulator.faults.add({ path: '^/storage/api/v1/applications$', kind: 'latency', latencyMs: 2000, times: 1 });
    const controller = new AbortController();
    const pending = fx.owner.apps.list(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, (e: unknown) => e instanceof AltinnApiError && e.kind === 'aborted');
  });

  it('cancellation mid-download leaves no file under the final name and no .part', async () => {
    const inst = await readyInstance();
    const element = fx.emulator.store.putSyntheticBlob(inst.id, 'drawing', 50 * 1024 * 1024, { filename: 'big.pdf', contentType: 'application/pdf' });
    const target = path.join(dir, 'cancelled.pdf');
    const controller = new AbortController();
    let seen = 0;
    const error = await fx.owner.data
      .downloadTo(inst, element.id, target, {
        signal: controller.signal,
        onProgress: (received) => {
          seen = received;
          if (received > 5 * 1024 * 1024) controller.abort();
        },
      })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.kind === 'aborted', String(error));
    assert.ok(seen > 0 && seen < 50 * 1024 * 1024);
    assert.equal(existsSync(target), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('cancelled')), []);
  });

  it('a truncated download fails and leaves no file', async () => {
    const inst = await readyInstance();
    const element = fx.emulator.store.putSyntheticBlob(inst.id, 'drawing', 2 * 1024 * 1024, { filename: 't.pdf', contentType: 'application/pdf' });
    fx.emulator.faults.add({ method: 'GET', path: `/data/${element.id}$`, kind: 'truncate' });
    const target = path.join(dir, 'truncated.pdf');
    const error = await fx.owner.data.downloadTo(inst, element.id, target).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError, String(error));
    assert.equal(existsSync(target), false);
    assert.equal(existsSync(`${target}.part`), false);
  });

  it('logs method, URL, status and duration, never the token', async () => {
    fx.logs.length = 0;
    await fx.owner.instances.query({ appId: BUILDING_PERMIT, size: 2 });
    assert.ok(fx.logs.length >= 1);
    const entry = fx.logs[fx.logs.length - 1];
    assert.equal(entry.method, 'GET');
    assert.equal(entry.status, 200);
    assert.ok(entry.url.includes('/storage/api/v1/instances?'), entry.url);
    assert.ok(typeof entry.durationMs === 'number' && entry.durationMs >= 0);
    const token = await fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES });
    const signature = token.split('.')[2];
    assert.ok(!JSON.stringify(fx.logs).includes(signature));
    assert.ok(!JSON.stringify(fx.logs).toLowerCase().includes('bearer'));
  });
});

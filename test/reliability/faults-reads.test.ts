// Issue 8, faults on reads at the API level: latency (5 s against a 2 s timeout), 429 with Retry-After,
// bursts of 500/503, connection resets and truncated bodies on listing, opening and downloading. Reads are
// retried where that is safe; a download that fails leaves no file under its final name and no .part.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AltinnClient, DataElement, Instance } from '../../src/api';
import { BUILDING_PERMIT, type Fixture, PDF_BYTES, requestCount, startFixture } from '../api/helpers';
import { assertApiError, failureOf, type FaultKind, faultRule, impatientClient, readyInstance, Tally } from './harness';

interface ReadOperation {
  name: string;
  /** Regex source for the pathname of this operation's request only. */
  path(): string;
  run(client: AltinnClient): Promise<unknown>;
  /** Checks a successful result is whole and right. */
  check(result: unknown): void;
  /** A streamed download cannot be retried once its bytes flow: a truncated body fails. */
  truncateFails?: boolean;
}

describe('reliability: faults on reads', function () {
  this.timeout(60_000);
  const tally = new Tally();
  let fx: Fixture;
  let dir: string;
  let inst: Instance;
  let model: DataElement;
  let drawing: DataElement;
  let big: DataElement;
  let impatient: AltinnClient;

  before(async () => {
    fx = await startFixture();
    dir = mkdtempSync(path.join(tmpdir(), 'altinn-reliability-'));
    inst = await readyInstance(fx);
    model = inst.data!.find((d) => d.dataType === 'model')!;
    drawing = (await fx.owner.data.upload(inst, 'drawing', PDF_BYTES, { filename: 'plan.pdf' })).dataElement;
    big = fx.emulator.store.putSyntheticBlob(inst.id, 'drawing', 2 * 1024 * 1024, { filename: 'big.pdf', contentType: 'application/pdf' });
    impatient = await impatientClient(fx);
  });
  afterEach(() => fx.emulator.faults.reset());
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fx?.close();
    console.log(tally.summary('reads'));
  });

  const dataPath = (element: () => DataElement) => () => `/instances/\\d+/[0-9a-f-]+/data/${element().id}$`;
  let fileCounter = 0;

  const reads: ReadOperation[] = [
    {
      name: 'list (query)',
      path: () => '^/storage/api/v1/instances$',
      run: (c) => c.instances.query({ appId: BUILDING_PERMIT, size: 5 }),
      check: (r) => assert.equal((r as { instances: Instance[] }).instances.length, 5),
    },
    {
      name: 'open (form data as XML)',
      path: dataPath(() => model),
      run: (c) => c.data.getFormData(inst, model.id, 'xml'),
      check: (r) => assert.match(String(r), /<applicant>Reliability Tester<\/applicant>/),
    },
    {
      name: 'open (form data as JSON)',
      path: dataPath(() => model),
      run: (c) => c.data.getFormData(inst, model.id, 'json'),
      check: (r) => assert.equal((r as { applicant?: string }).applicant, 'Reliability Tester'),
    },
    {
      name: 'open (attachment into memory)',
      path: dataPath(() => drawing),
      run: (c) => c.data.download(inst, drawing.id),
      check: (r) => assert.deepEqual(Buffer.from(r as Buffer), PDF_BYTES),
      truncateFails: true,
    },
    {
      name: 'download (downloadTo)',
      path: dataPath(() => big),
      run: async (c) => {
        const target = path.join(dir, `download-${fileCounter++}.pdf`);
        const result = await c.data.downloadTo(inst, big.id, target);
        return { ...result, target };
      },
      check: (r) => {
        const { target, bytes } = r as { target: string; bytes: number };
        assert.equal(bytes, 2 * 1024 * 1024);
        assert.equal(readFileSync(target).length, 2 * 1024 * 1024);
        assert.equal(existsSync(`${target}.part`), false);
      },
      truncateFails: true,
    },
  ];

  /** Runs a read under a fault; returns the number of requests the emulator served for it. */
  async function readUnder(op: ReadOperation, kind: FaultKind, client: AltinnClient, times?: number): Promise<{ requests: number; result?: unknown; error?: unknown }> {
    tally.inject(fx, faultRule(kind, 'GET', op.path(), times), op.name);
    const before = requestCount(fx);
    try {
      const result = await op.run(client);
      return { requests: requestCount(fx) - before, result };
    } catch (error) {
      return { requests: requestCount(fx) - before, error };
    }
  }

  /** No `.part` left from a failed downloadTo, and for a download no file under its final name. */
  function assertNoPartialFiles(op?: ReadOperation): void {
    const leftovers = readdirSync(dir).filter((f) => f.endsWith('.part'));
    assert.deepEqual(leftovers, [], 'a failed download leaves no .part file');
    if (op?.name.startsWith('download')) {
      assert.equal(existsSync(path.join(dir, `download-${fileCounter - 1}.pdf`)), false, 'no file under its final name');
    }
  }

  for (const op of reads) {
    describe(op.name, () => {
      it('a 5 s latency past the 2 s timeout: the read is tried again and succeeds', async () => {
        const { requests, result, error } = await readUnder(op, 'latency', impatient);
        assert.equal(error, undefined, String(error));
        op.check(result);
        assert.equal(requests, 2, 'one timed-out attempt, one answered');
      });

      it('429 with Retry-After: waits and succeeds', async () => {
        const { requests, result, error } = await readUnder(op, '429', fx.owner);
        assert.equal(error, undefined, String(error));
        op.check(result);
        assert.equal(requests, 2);
      });

      it('a burst of 500s: reported at once with its status, not retried', async () => {
        const { requests, error } = await readUnder(op, '500', fx.owner);
        assertApiError(error, { kind: 'http', status: 500, method: 'GET' });
        assert.equal(requests, 1);
        assertNoPartialFiles(op);
      });

      it('a burst of two 503s: retried and succeeds', async () => {
        const { requests, result, error } = await readUnder(op, '503', fx.owner);
        assert.equal(error, undefined, String(error));
        op.check(result);
        assert.equal(requests, 3);
      });

      it('503s that do not stop: gives up after two retries with a clear error', async () => {
        const { requests, error } = await readUnder(op, '503', fx.owner, 100);
        const e = assertApiError(error, { kind: 'http', status: 503 });
        assert.match(e.message, /unavailable/i);
        assert.equal(requests, 3);
        assertNoPartialFiles(op);
      });

      it('a connection reset: retried and succeeds', async () => {
        const { requests, result, error } = await readUnder(op, 'reset', fx.owner);
        assert.equal(error, undefined, String(error));
        op.check(result);
        assert.equal(requests, 2);
      });

      it(op.truncateFails ? 'a truncated body fails clearly and leaves nothing behind' : 'a truncated body is detected and read again', async () => {
        const { result, error } = await readUnder(op, 'truncate', fx.owner);
        if (op.truncateFails) {
          assertApiError(error, { kind: 'network' });
          assertNoPartialFiles(op);
        } else {
          assert.equal(error, undefined, String(error));
          op.check(result);
        }
      });
    });
  }

  describe('list (iterate over pages)', () => {
    it('a reset between pages is retried and the iteration yields the same instances as a clean run', async () => {
      const clean: string[] = [];
      for await (const i of fx.owner.instances.iterate({ appId: BUILDING_PERMIT, size: 7 })) clean.push(i.id);
      const seen: string[] = [];
      for await (const i of fx.owner.instances.iterate({ appId: BUILDING_PERMIT, size: 7 })) {
        if (seen.length === 0) tally.inject(fx, faultRule('reset', 'GET', '^/storage/api/v1/instances$'), 'list (iterate)');
        seen.push(i.id);
      }
      assert.ok(clean.length > 7, 'more than one page');
      assert.deepEqual(seen, clean);
    });

    it('truncated pages that do not stop end the iteration with a clear error', async () => {
      const seen: string[] = [];
      const error = await failureOf(
        (async () => {
          for await (const i of fx.owner.instances.iterate({ appId: BUILDING_PERMIT, size: 7 })) {
            if (seen.length === 0) tally.inject(fx, faultRule('truncate', 'GET', '^/storage/api/v1/instances$', 100), 'list (iterate)');
            seen.push(i.id);
          }
        })(),
      );
      assertApiError(error, { kind: 'network', method: 'GET' });
      assert.equal(seen.length, 7, 'the first page was delivered whole, nothing after it');
    });
  });
});

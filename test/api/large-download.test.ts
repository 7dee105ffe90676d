// A 200 MB attachment streamed to disk and through stream(), with memory growth far below the size.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, existsSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { BUILDING_PERMIT, type Fixture, startFixture, USER_PARTY } from './helpers';

const SIZE = 200 * 1024 * 1024;
const MAX_GROWTH = 48 * 1024 * 1024; // under a quarter of the 200 MB file; observed 0–19 MB after warm-up

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('api: 200 MB download', function () {
  this.timeout(180_000);
  let fx: Fixture;
  let dir: string;
  let ref: { appId: string; id: string };
  let dataId: string;
  before(async () => {
    fx = await startFixture();
    dir = mkdtempSync(path.join(tmpdir(), 'altinn-api-large-'));
    const inst = await fx.owner.instances.create(BUILDING_PERMIT, { owner: { partyId: USER_PARTY } });
    ref = inst;
    dataId = fx.emulator.store.putSyntheticBlob(inst.id, 'drawing', SIZE, { filename: 'stor tegning.pdf', contentType: 'application/pdf' }).id;
    // Warm-up: the first file download grows the heap and libuv's thread pool once; that is not per-byte cost.
    const warm = fx.emulator.store.putSyntheticBlob(inst.id, 'drawing', 16 * 1024 * 1024, { filename: 'warm.pdf', contentType: 'application/pdf' });
    await fx.owner.data.downloadTo(inst, warm.id, path.join(dir, 'warm.pdf'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await fx?.close();
  });

  function memorySampler(): { peak: () => number; stop: () => void } {
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = 0;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss - base);
    };
    const timer = setInterval(sample, 20);
    return { peak: () => (sample(), peak), stop: () => clearInterval(timer) };
  }

  it('downloadTo streams 200 MB to disk with bounded memory', async () => {
    const target = path.join(dir, 'big.pdf');
    const mem = memorySampler();
    let progressCalls = 0;
    const result = await fx.owner.data.downloadTo(ref, dataId, target, { onProgress: () => progressCalls++ });
    mem.stop();
    assert.equal(result.bytes, SIZE);
    assert.equal(statSync(target).size, SIZE);
    assert.equal(existsSync(`${target}.part`), false);
    assert.equal(result.filename, 'stor tegning.pdf');
    assert.ok(progressCalls > 1);
    const growth = mem.peak();
    console.log(`      200 MB downloadTo: peak RSS growth ${(growth / 1048576).toFixed(1)} MB`);
    assert.ok(growth < MAX_GROWTH, `RSS grew ${growth} bytes`);
    // The same bytes as the emulator serves for the element (deterministic synthetic content).
    const streamed = await fx.owner.data.stream(ref, dataId);
    const hash = createHash('sha256');
    for await (const chunk of streamed) hash.update(chunk as Buffer);
    assert.equal(await sha256OfFile(target), hash.digest('hex'));
  });

  it('stream() gives a Readable with the size, and memory stays bounded', async () => {
    const mem = memorySampler();
    const stream = await fx.owner.data.stream(ref, dataId);
    assert.equal(stream.size, SIZE);
    let total = 0;
    for await (const chunk of stream) total += (chunk as Buffer).length;
    mem.stop();
    assert.equal(total, SIZE);
    const growth = mem.peak();
    console.log(`      200 MB stream(): peak RSS growth ${(growth / 1048576).toFixed(1)} MB`);
    assert.ok(growth < MAX_GROWTH, `RSS grew ${growth} bytes`);
  });

  it('download() refuses to hold it in memory', async () => {
    await assert.rejects(fx.owner.data.download(ref, dataId), /download it to a file/);
  });
});

// `instances` and `export` list through the windowed listing (src/api/windowed-listing.ts): every instance
// exactly once, also where many share one lastChanged and Storage's newest-first paging would lose some of
// them (docs/altinn-behaviour.md §2.1).
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Instance } from '../../src/api';
import { startEmulator, type Emulator } from '../emulator/index';
import type { Store } from '../emulator/store';
import { isoTime } from '../emulator/util';
import { assertBuilt, CliHome, orgToken, runCli } from './helpers';

const APP = 'ttd/income-report';

describe('cli: instances and export list every instance once, ties included', function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let home: CliHome;
  let env: Record<string, string | undefined>;
  let expected: string[];

  before(async () => {
    assertBuilt();
    emulator = await startEmulator({ port: 0, instancesPerApp: 1500 });
    // 600 instances changed at one instant: no request can do that (the emulator's clock never repeats a
    // millisecond), so the set-up moves them in the store's indexes itself.
    const store = emulator.store as Store;
    const idx = store.index(`app:${APP}`);
    const recs = Array.from({ length: idx.length }, (_, i) => idx.at(i));
    const tieMs = recs[900].lastChangedMs;
    for (const rec of recs.slice(400, 1000)) {
      const w = rec.wire;
      const indexes = [store.index('all'), idx, store.index(`org:${w.org}`), store.index(`party:${w.instanceOwner.partyId}`)];
      for (const i of indexes) i.remove(rec);
      rec.lastChangedMs = tieMs;
      w.lastChanged = isoTime(tieMs);
      rec.storageJson = undefined;
      for (const i of indexes) i.insert(rec);
    }
    expected = recs.map((r) => r.wire.id);
    home = await CliHome.create();
    env = home.env({ ALTINN_TOKEN: await orgToken(emulator.url) });
    const add = await runCli(['env', 'add', 'emu', '--kind', 'emulator', '--url', emulator.url], { env });
    assert.equal(add.code, 0, add.stderr);
  });
  after(async () => {
    await emulator?.close();
    await home?.dispose();
  });

  it('instances --limit 0 lists each instance once, newest change first', async () => {
    const r = await runCli(['instances', APP, '--limit', '0', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const listed = JSON.parse(r.stdout) as Instance[];
    const ids = listed.map((i) => i.id);
    assert.equal(ids.length, new Set(ids).size, 'no repeats');
    assert.deepEqual(new Set(ids), new Set(expected));
    for (let i = 1; i < listed.length; i++) assert.ok(Date.parse(listed[i - 1].lastChanged!) >= Date.parse(listed[i].lastChanged!), `order at ${i}`);
  });

  it('instances --limit N beyond one page stops at N and says there are more', async () => {
    const r = await runCli(['instances', APP, '--limit', '1200', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const ids = (JSON.parse(r.stdout) as Instance[]).map((i) => i.id);
    assert.equal(new Set(ids).size, 1200);
    assert.match(r.stderr, /Showing the first 1200; there are more/);
  });

  it('instances --limit N within one page is one request', async () => {
    const before = emulator.store.stats.requests;
    const r = await runCli(['instances', APP, '--limit', '50', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Instance[]).length, 50);
    assert.match(r.stderr, /there are more/);
    assert.equal(emulator.store.stats.requests - before, 1);
  });

  it('export writes every instance once', async () => {
    const out = path.join(home.root, 'export');
    const r = await runCli(['export', APP, '--out', out, '--json', '--concurrency', '8'], { env, timeoutMs: 100_000 });
    assert.equal(r.code, 0, r.stderr);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { files: { instanceId: string; path: string }[] };
    const documents = manifest.files.filter((f) => f.path.endsWith('/instance.json')).map((f) => f.instanceId);
    assert.equal(documents.length, new Set(documents).size);
    assert.deepEqual(new Set(documents), new Set(expected));
  });
});

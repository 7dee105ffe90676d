// `export` of 1,000+ instances with faults injected mid-way and two interruptions (Ctrl+C, then a
// hard kill): run again, it resumes, completes, and every file matches its size and SHA-256 — in
// the manifest and in the emulator's own copy of the data.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { AltinnClient, Environment, type Instance } from '../../src/api';
import { startEmulator, type Emulator } from '../emulator/index';
import { assertBuilt, CliHome, type CliResult, hasCommand, orgToken, runCli, runInTerminal, startCli } from './helpers';

const APP = 'ttd/income-report';
const DATA_GET = '^/ttd/income-report/instances/\\d+/[0-9a-f-]+/data/[0-9a-f-]+$';

interface ManifestFile {
  path: string;
  instanceId: string;
  dataId?: string;
  size: number;
  sha256: string;
}
interface Manifest {
  app: string;
  complete: boolean;
  instances: number;
  files: ManifestFile[];
}
interface Summary {
  complete: boolean;
  interrupted: boolean;
  instances: number;
  files: number;
  downloaded: number;
  skipped: number;
  failed: number;
  retries: number;
  repaired: number;
  verified: number;
  durationMs: number;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath, e.name));
  return out;
}

async function waitFor(condition: () => boolean, done: Promise<unknown>, what: string): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true), () => (finished = true));
  while (!condition()) {
    if (finished) throw new Error(`the export ended before ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cli: export of 1,000 instances with faults and interruptions', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let home: CliHome;
  let env: Record<string, string | undefined>;
  let out: string;
  let expected: Instance[];

  before(async () => {
    assertBuilt();
    emulator = await startEmulator({ port: 0, instancesPerApp: 1000 });
    home = await CliHome.create();
    out = path.join(home.root, 'export');
    const token = await orgToken(emulator.url);
    env = home.env({ ALTINN_TOKEN: token });
    const add = await runCli(['env', 'add', 'emu', '--kind', 'emulator', '--url', emulator.url], { env });
    assert.equal(add.code, 0, add.stderr);
    // Some larger binary attachments besides the small form data.
    const ids = emulator.store.listInstances(APP).filter((i) => !i.process?.ended).slice(0, 15).map((i) => i.id);
    for (const id of ids) emulator.store.putSyntheticBlob(id, 'metadata', 300_000, { filename: 'metadata.json', contentType: 'application/json' });
    const environment = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: emulator.url });
    const api = new AltinnClient({ environment, getToken: async () => token });
    expected = [];
    for await (const i of api.instances.iterate({ appId: APP, size: 500 })) expected.push(i);
  });
  after(async () => {
    await emulator?.close();
    await home?.dispose();
  });

  it('resumes after Ctrl+C and a hard kill under injected faults, then completes and verifies every file', async () => {
    assert.ok(expected.length >= 1000, `only ${expected.length} instances`);
    const args = ['export', APP, '--out', out, '--json', '--concurrency', '4'];
    const requests = (): number => emulator.store.stats.requests;

    // Run 1: faults start after ~200 requests; Ctrl+C after ~500.
    const base = requests();
    const run1 = startCli(args, { env, timeoutMs: 120_000 });
    await waitFor(() => requests() - base >= 200, run1.result, 'the faults were injected');
    emulator.faults.add({ method: 'GET', path: DATA_GET, kind: 'reset', times: 20 });
    emulator.faults.add({ method: 'GET', path: DATA_GET, kind: 'status', status: 503, retryAfterSeconds: 0, times: 20 });
    emulator.faults.add({ method: 'GET', path: DATA_GET, kind: 'truncate', times: 20 });
    await waitFor(() => requests() - base >= 500, run1.result, 'Ctrl+C');
    run1.child.kill('SIGINT');
    const r1 = await run1.result;
    assert.equal(r1.code, 130, r1.stderr);
    assert.match(r1.stderr, /Interrupted/);
    const s1 = JSON.parse(r1.stdout) as Summary;
    assert.equal(s1.interrupted, true);
    assert.ok(s1.retries > 0, 'the injected faults caused no retries');
    const m1 = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(m1.complete, false);
    assert.ok(m1.files.length > 100, `only ${m1.files.length} files after run 1`);
    assert.deepEqual((await filesUnder(out)).filter((f) => f.endsWith('.part')), [], 'Ctrl+C left .part files');

    // Run 2: killed hard (no chance to save or clean up) a little later.
    const base2 = requests();
    const run2 = startCli(args, { env, timeoutMs: 120_000 });
    await waitFor(() => requests() - base2 >= 200, run2.result, 'the kill');
    run2.child.kill('SIGKILL');
    const r2 = await run2.result;
    assert.equal(r2.signal, 'SIGKILL');

    // Run 3: completes.
    const r3: CliResult = await runCli(args, { env, timeoutMs: 180_000 });
    assert.equal(r3.code, 0, r3.stderr);
    assert.equal(r3.stderr, '', 'no progress bar or notes when stderr is not a terminal');
    const summary = JSON.parse(r3.stdout) as Summary;
    const dataCount = expected.reduce((n, i) => n + (i.data?.length ?? 0), 0);
    assert.equal(summary.complete, true);
    assert.equal(summary.instances, expected.length);
    assert.equal(summary.files, expected.length + dataCount);
    assert.equal(summary.failed, 0);
    assert.ok(summary.skipped > 100, 'run 3 did not resume from the manifest');
    assert.equal(summary.downloaded + summary.skipped, summary.files);
    assert.equal(summary.verified, summary.files);
    assert.deepEqual(emulator.faults.list(), [], 'not every injected fault was hit');
    console.log(`      ${expected.length} instances, ${summary.files} files; run 1: ${s1.downloaded} downloaded, ${s1.retries} retries before Ctrl+C; run 3 downloaded ${summary.downloaded}, skipped ${summary.skipped} in ${summary.durationMs} ms; 60 faults injected`);

    // Every file against the manifest, and every data file against the emulator's bytes.
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    assert.equal(manifest.complete, true);
    assert.equal(manifest.files.length, summary.files);
    for (const f of manifest.files) {
      const bytes = await readFile(path.join(out, f.path));
      assert.equal(bytes.length, f.size, f.path);
      assert.equal(sha256(bytes), f.sha256, f.path);
      if (f.dataId) assert.equal(f.sha256, sha256(emulator.store.getDataBytes(f.dataId)!), `${f.path} differs from the emulator's data`);
      else assert.equal((JSON.parse(bytes.toString('utf8')) as Instance).id, f.instanceId);
    }
    const onDisk = (await filesUnder(out)).map((f) => path.relative(out, f)).sort();
    assert.deepEqual(onDisk, [...manifest.files.map((f) => f.path), 'manifest.json'].sort(), 'stray files (.part, lock) or missing files');
    assert.ok(manifest.files.some((f) => f.size === 300_000), 'the large attachments are in the export');
  });

  it('finds files changed on disk (--verify-only) and downloads them again', async () => {
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    const data = manifest.files.filter((f) => f.dataId);
    const flipped = data.find((f) => f.size === 300_000)!;
    const truncated = data.find((f) => f.size !== 300_000)!;
    const file = path.join(out, flipped.path);
    const bytes = await readFile(file);
    bytes[1000] ^= 0xff;
    await writeFile(file, bytes);
    await writeFile(path.join(out, truncated.path), (await readFile(path.join(out, truncated.path))).subarray(0, 10));

    const check = await runCli(['export', APP, '--out', out, '--verify-only'], { env });
    assert.equal(check.code, 1);
    assert.match(check.stderr, new RegExp(`${flipped.path}: SHA-256 differs`));
    assert.match(check.stderr, new RegExp(`${truncated.path}: size 10, expected ${truncated.size}`));

    const again = await runCli(['export', APP, '--out', out, '--json'], { env, timeoutMs: 120_000 });
    assert.equal(again.code, 0, again.stderr);
    const summary = JSON.parse(again.stdout) as Summary;
    assert.equal(summary.complete, true);
    assert.equal(summary.downloaded, 2, 'only the two damaged files are downloaded again');
    assert.equal(summary.repaired, 1, 'the same-size change is found by verification');
    assert.equal((await stat(file)).size, 300_000);
    const ok = await runCli(['export', APP, '--out', out, '--verify-only'], { env });
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(!existsSync(path.join(out, '.altinn-export.lock')));
  });

  it('ends with exit code 1 and the failed files listed when retries run out; the next run fetches just those', async () => {
    const other = path.join(home.root, 'export-building-permit');
    const args = ['export', 'ttd/building-permit', '--out', other, '--json', '--retries', '0'];
    const base = emulator.store.stats.requests;
    const run = startCli(args, { env, timeoutMs: 120_000 });
    await waitFor(() => emulator.store.stats.requests - base >= 300, run.result, 'the faults were injected');
    // 500 is not retried by src/api, and --retries 0 stops the export's own retries: 15 files fail.
    emulator.faults.add({ method: 'GET', path: '^/ttd/building-permit/instances/\\d+/[0-9a-f-]+/data/[0-9a-f-]+$', kind: 'status', status: 500, times: 15 });
    const r1 = await run.result;
    assert.equal(r1.code, 1, r1.stderr);
    const s1 = JSON.parse(r1.stdout) as Summary & { failures: { path: string; error: string }[] };
    assert.equal(s1.failed, 15);
    assert.equal(s1.complete, false);
    assert.equal(s1.failures.length, 15);
    assert.ok(s1.failures.every((f) => /\(500\)/.test(f.error)), JSON.stringify(s1.failures[0]));
    const m1 = JSON.parse(await readFile(path.join(other, 'manifest.json'), 'utf8')) as Manifest & { failures: unknown[] };
    assert.equal(m1.complete, false);
    assert.equal(m1.failures.length, 15);

    const r2 = await runCli(args, { env, timeoutMs: 120_000 });
    assert.equal(r2.code, 0, r2.stderr);
    const s2 = JSON.parse(r2.stdout) as Summary;
    assert.equal(s2.downloaded, 15);
    assert.equal(s2.skipped, s2.files - 15);
    assert.equal(s2.verified, s2.files);
    const m2 = JSON.parse(await readFile(path.join(other, 'manifest.json'), 'utf8')) as Manifest & { failures: unknown[] };
    assert.equal(m2.complete, true);
    assert.deepEqual(m2.failures, []);
  });

  it('draws a progress bar on a terminal', async function () {
    if (!hasCommand('script')) {
      console.log('      skipped: util-linux "script" (pseudo-terminal) is not installed');
      this.skip();
    }
    const r = await runInTerminal(['export', APP, '--out', path.join(home.root, 'export-tty'), '--limit', '40'], { env, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /\rExporting ttd\/income-report (\[counting…\]|\[[#-]+\])/);
    assert.match(r.stdout, /40 instances, \d+ files: \d+ downloaded/);
    assert.match(r.stdout, /Verified \d+ of \d+ files/);
  });

  it('refuses a folder that holds another app\'s export', async () => {
    const r = await runCli(['export', 'ttd/building-permit', '--out', out], { env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /holds an export of ttd\/income-report/);
  });
});

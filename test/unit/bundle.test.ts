// The production build (esbuild.js): dist/extension.js within 200 KB, got in dist/got.js loaded on the first
// request, got's unused parts (HTTP/2, response and DNS caches) left out with stand-ins that say so, and the cold
// features in dist/lazy/*.js (esbuild-lazy.js) with one copy of every module across the extension's files.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Text only the moved module has (a sentence, a view type): in its lazy file, never in dist/extension.js. */
const LAZY_MARKERS: Record<string, Record<string, string>> = {
  'overview.js': { 'src/overview/panel.ts': 'altinn.instanceOverview', 'src/overview/timeline.ts': 'Copied a cURL command' },
  'createInstance.js': { 'src/commands/createInstance.ts': 'Prefill (field path → value)' },
  'queryDialogs.js': { 'src/commands/searchDialog.ts': 'Change the search', 'src/commands/filterDialogs.ts': 'Current task id (empty for any)' },
  'environments.js': { 'src/commands/environments.ts': 'Altinn test environment for service owners' },
  'instanceFinder.js': { 'src/commands/instanceFinder.ts': 'Looking for instance {0}…' },
  'transfers.js': { 'src/commands/transfers.ts': 'Downloading {0} file(s)…', 'src/fs/uploads.ts': 'Files to upload to {0}' },
};
/** Text from the bodies of classes that are checked with instanceof or hold state: exactly once across the files. */
const SHARED_CLASS_MARKERS = {
  AltinnApiError: 'name="AltinnApiError"',
  AltinnInputError: 'name="AltinnInputError"',
  InstanceNode: 'No data elements',
  AppNode: 'No instances you can see on this page',
};
const LEFT_OUT = ['http2-wrapper', 'cacheable-request', 'cacheable-lookup', 'keyv', 'http-cache-semantics', 'normalize-url', 'quick-lru', 'resolve-alpn'];

/** `esbuild.js --analyze` lines: `<file>: <n> bytes …` then `<bytes>  <package or folder>`. */
function contents(output: string): Map<string, Map<string, number>> {
  const files = new Map<string, Map<string, number>>();
  let current: Map<string, number> | undefined;
  for (const line of output.split('\n')) {
    const file = /^(\S+): \d+ bytes/.exec(line);
    if (file) files.set(path.basename(file[1]), (current = new Map()));
    const part = /^\s+(\d+)\s+(.+)$/.exec(line);
    if (part && current) current.set(part[2], Number(part[1]));
  }
  return files;
}

describe('unit: the production bundle', function () {
  this.timeout(120_000);
  let dir: string;
  let analysis: Map<string, Map<string, number>>;
  /** Each file of the extension (not the CLI), with the source files esbuild put into it. */
  let outputs: { file: string; inputs: string[] }[];
  /** The text of dist/extension.js, dist/got.js and dist/lazy/*.js, by name (`lazy/search.js`). */
  const texts = new Map<string, string>();

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'altinn-bundle-'));
    const metafile = path.join(dir, 'meta.json');
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['esbuild.js', '--production', '--analyze', '--dist', dir, '--metafile', metafile], { cwd: REPO_ROOT }, (e, out, err) =>
        e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out),
      ),
    );
    analysis = contents(stdout);
    const metas = JSON.parse(await readFile(metafile, 'utf8').catch(() => '[]')) as { outputs: Record<string, { inputs: Record<string, unknown> }> }[];
    outputs = metas.flatMap((m) => Object.entries(m.outputs)).map(([file, o]) => ({ file: path.relative(dir, path.resolve(REPO_ROOT, file)), inputs: Object.keys(o.inputs) }));
    const lazy = await readdir(path.join(dir, 'lazy')).catch(() => []);
    for (const name of ['extension.js', 'got.js', ...lazy.filter((f) => f.endsWith('.js')).map((f) => `lazy/${f}`)]) texts.set(name, await readFile(path.join(dir, name), 'utf8'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('dist/extension.js is at most 200 KB and holds none of got', async () => {
    const { size } = await stat(path.join(dir, 'extension.js'));
    assert.ok(size <= 200 * 1024, `${(size / 1024).toFixed(1)} KB`);
    const parts = [...(analysis.get('extension.js')?.keys() ?? [])];
    assert.ok(parts.includes('src/api'), parts.join(', '));
    assert.ok(!parts.some((p) => p === 'got' || p === '@sindresorhus/is'), parts.join(', '));
  });

  it('dist/extension.js holds none of the lazy features; each is in its own dist/lazy file', () => {
    for (const [file, markers] of Object.entries(LAZY_MARKERS)) {
      const lazy = texts.get(`lazy/${file}`);
      assert.ok(lazy !== undefined, `dist/lazy/${file} was built (${[...texts.keys()].join(', ')})`);
      for (const [source, marker] of Object.entries(markers)) {
        assert.ok(!texts.get('extension.js')!.includes(marker), `${source} (${marker}) is in dist/extension.js`);
        assert.ok(lazy.includes(marker), `${source} (${marker}) is in dist/lazy/${file}`);
      }
      // A lazy file is a function of the modules it shares with dist/extension.js (src/util/lazy.ts link).
      assert.match(lazy, /^module\.exports = function \(__altinnShared\) \{/);
    }
  });

  it('has one copy of every module: each source file in exactly one of the extension\'s files, shared classes once', () => {
    const where = new Map<string, string[]>();
    for (const { file, inputs } of outputs) {
      for (const input of inputs.filter((i) => i.startsWith('src/') || i.includes('node_modules/'))) where.set(input, [...(where.get(input) ?? []), file]);
    }
    const twice = [...where].filter(([, files]) => files.length > 1).map(([input, files]) => `${input} in ${files.join(' and ')}`);
    assert.deepEqual(twice, []);
    assert.ok(outputs.some((o) => o.file === path.join('lazy', 'overview.js') && o.inputs.includes('src/overview/panel.ts')), outputs.map((o) => o.file).join(', '));
    for (const [name, marker] of Object.entries(SHARED_CLASS_MARKERS)) {
      const copies = [...texts].flatMap(([file, text]) => Array(text.split(marker).length - 1).fill(file) as string[]);
      assert.deepEqual(copies, ['extension.js'], `${name} (${marker})`);
    }
  });

  it('dist/got.js holds got without HTTP/2 or the caches', () => {
    const parts = [...(analysis.get('got.js')?.keys() ?? [])];
    assert.ok(parts.includes('got'), parts.join(', '));
    for (const name of LEFT_OUT) assert.ok(!parts.includes(name), `${name} is in got.js`);
    for (const name of ['http2-wrapper', 'cacheable-request', 'cacheable-lookup']) assert.ok(parts.includes(`got-unused:${name} (stand-in)`), parts.join(', '));
  });

  it('got from dist/got.js makes requests, and says so when asked for a left-out part', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const got = (require(path.join(dir, 'got.js')) as { default: typeof import('got').default }).default;
    const server = http.createServer((_, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      assert.deepEqual(await got(url).json(), { ok: true });
      await assert.rejects(got(url, { cache: new Map() }), /response cache is not part of this build/);
      await assert.rejects(got(url, { dnsCache: true }), /DNS cache is not part of this build/);
      await assert.rejects(got(url.replace('http:', 'https:'), { http2: true }), /HTTP\/2 is not part of this build/);
    } finally {
      server.close();
    }
  });
});

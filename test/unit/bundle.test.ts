// The production build (esbuild.js): dist/extension.js within 200 KB, got in dist/got.js loaded on the first
// request, and got's unused parts (HTTP/2, response and DNS caches) left out with stand-ins that say so.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
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

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'altinn-bundle-'));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['esbuild.js', '--production', '--analyze', '--dist', dir], { cwd: REPO_ROOT }, (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out))),
    );
    analysis = contents(stdout);
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('dist/extension.js is at most 200 KB and holds none of got', async () => {
    const { size } = await stat(path.join(dir, 'extension.js'));
    assert.ok(size <= 200 * 1024, `${(size / 1024).toFixed(1)} KB`);
    const parts = [...(analysis.get('extension.js')?.keys() ?? [])];
    assert.ok(parts.includes('src/api'), parts.join(', '));
    assert.ok(!parts.some((p) => p === 'got' || p === '@sindresorhus/is'), parts.join(', '));
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

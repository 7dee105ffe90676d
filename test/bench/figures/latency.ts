// Figure 8: what users feel at a realistic distance from Altinn. The emulator delays every App API and
// Storage request by a fixed time (its latency fault); each figure has a bare node:http loop doing the
// plain sequential requests against the same delayed emulator, in the same run, samples alternating.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LatencyInput, LatencyMode, LatencySample } from '../latency-worker';
import { benchScript, runWorker } from '../lib/child';
import { exec, execOk, repoRoot } from '../lib/exec';
import type { EmulatorInfo } from '../lib/fixture';
import { rawJson } from '../lib/rawhttp';
import { figure, type FigureResult } from '../lib/report';
import { median } from '../lib/stats';

interface Side {
  ms: number[];
  cpuMs: number[];
  items: number;
  requests: number;
}

async function sample(input: LatencyInput): Promise<LatencySample> {
  return runWorker<LatencySample>(benchScript('latency-worker'), input, { timeoutMs: 600_000 });
}

/** `runs` samples of two modes, one child process per sample, in ABBA order. */
async function pair(base: Omit<LatencyInput, 'mode'>, a: LatencyMode, b: LatencyMode, runs: number): Promise<[Side, Side]> {
  const sides: [Side, Side] = [
    { ms: [], cpuMs: [], items: -1, requests: 0 },
    { ms: [], cpuMs: [], items: -1, requests: 0 },
  ];
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const r = await sample({ ...base, mode: which === 0 ? a : b });
      const side = sides[which];
      side.ms.push(...r.ms);
      side.cpuMs.push(...r.cpuMs);
      side.items = r.items;
      side.requests = r.requests;
    }
  }
  if (sides[0].items !== sides[1].items) throw new Error(`${a} saw ${sides[0].items} instances, ${b} ${sides[1].items}`);
  return sides;
}

const ms = (values: number[]): string => `${Math.round(median(values))} ms`;

async function cliExport(emu: EmulatorInfo, tmp: string, since: string, runs: number, latencyMs: number): Promise<FigureResult> {
  const home = path.join(tmp, 'latency-home');
  fs.mkdirSync(home, { recursive: true });
  const env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local'), ALTINN_TOKEN: emu.orgToken };
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  await execOk(process.execPath, [cli, 'env', 'add', 'bench', '--kind', 'emulator', '--url', emu.url], { env, timeoutMs: 30_000 });
  const cliMs: number[] = [];
  const rawMs: number[] = [];
  let instances = -1;
  let rawItems = -1;
  let rawRequests = 0;
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 === 0 ? ['cli', 'raw'] : ['raw', 'cli']) {
      const out = path.join(tmp, `latency-export-${which}-${i}`);
      const start = performance.now();
      if (which === 'cli') {
        const r = await exec(process.execPath, [cli, 'export', emu.appId, '--out', out, '--since', since, '--json'], { env, timeoutMs: 600_000 });
        cliMs.push(performance.now() - start);
        if (r.code !== 0) throw new Error(`export failed (${r.code}): ${r.stderr.slice(-300)}`);
        instances = (JSON.parse(r.stdout) as { instances: number }).instances;
      } else {
        const r = await sample({ mode: 'export-raw', baseUrl: emu.url, token: emu.orgToken, appId: emu.appId, pageSize: 100, since, outDir: out, warmup: 0, measured: 1 });
        rawMs.push(performance.now() - start);
        rawItems = r.items;
        rawRequests = r.requests;
      }
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  if (instances !== rawItems) throw new Error(`the CLI exported ${instances} instances, the bare loop ${rawItems}`);
  return figure({
    id: '8d',
    title: `CLI export of ${instances} instances of ${emu.appId} at ${latencyMs} ms per request (whole process, default --concurrency 4; the bare loop made ${rawRequests} requests)`,
    unit: 'ms',
    better: 'lower',
    samples: cliMs,
    baselineLabel: 'bare node:http loop: pages, then each file, one request at a time',
    baselineSamples: rawMs,
    target: { of: 'ratio', limit: 0.33 },
  });
}

export async function measureLatency(emu: EmulatorInfo, tmp: string, runs: number, latencyMs: number, only: (id: string) => boolean): Promise<FigureResult[]> {
  const base = { baseUrl: emu.url, token: emu.orgToken, appId: emu.appId, warmup: 1, measured: 1 };
  const figures: FigureResult[] = [];
  if (only('8a')) {
    const [api, raw] = await pair({ ...base, pageSize: 100 }, 'first-page-api', 'first-page-raw', runs);
    figures.push(
      figure({
        id: '8a',
        title: `the tree's first page (100 instances, a new client each time) at ${latencyMs} ms per request (src/api instances.query)`,
        unit: 'ms',
        better: 'lower',
        samples: api.ms,
        baselineLabel: 'one node:http GET, new connection',
        baselineSamples: raw.ms,
        note: `${api.requests} request(s)`,
      }),
    );
  }
  for (const [id, pageSize] of [['8b', 100], ['8c', 1000]] as const) {
    if (!only(id)) continue;
    const [api, raw] = await pair({ ...base, pageSize }, 'list-api', 'list-raw', runs);
    const sequential = await sample({ ...base, pageSize, warmup: 0, mode: 'list-api-sequential' });
    figures.push(
      figure({
        id,
        title: `list all ${api.items} instances of ${emu.appId}, page size ${pageSize}, at ${latencyMs} ms per request (src/api instances.list, windowed)`,
        unit: 'ms',
        better: 'lower',
        samples: api.ms,
        baselineLabel: `sequential node:http paging, ${raw.requests} requests`,
        baselineSamples: raw.ms,
        target: { of: 'ratio', limit: 0.33 },
        note: `${api.requests} requests, 8 at a time; src/api's sequential iterate in the same run: ${ms(sequential.ms)}; client CPU ${Math.round(median(api.cpuMs))} vs ${Math.round(median(raw.cpuMs))} ms`,
      }),
    );
  }
  if (only('8d')) {
    const newest = await rawJson<{ instances: { lastChanged: string }[] }>(
      `${emu.url}/storage/api/v1/instances?appId=${encodeURIComponent(emu.appId)}&size=1000&includeDataElements=false`,
      { headers: { authorization: `Bearer ${emu.orgToken}` } },
    );
    const since = newest.instances.at(-1)?.lastChanged;
    if (!since) throw new Error('no instances to export');
    figures.push(await cliExport(emu, tmp, since, runs, latencyMs));
  }
  return figures;
}

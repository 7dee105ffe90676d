import type { LoadResult } from '../load-client';
import { benchScript, runWorker, startService } from '../lib/child';
import type { EmulatorInfo } from '../lib/fixture';
import { onServer, rawJson } from '../lib/rawhttp';
import { processCpuMs } from '../lib/proc';
import { figure, type FigureResult } from '../lib/report';
import { median, round } from '../lib/stats';

const PAGES = 10;
const CONNECTIONS = 8;

/** The first pages of the app's listing, as paths with query, following `next` like a client would. */
async function pagePaths(emu: EmulatorInfo): Promise<string[]> {
  const paths: string[] = [];
  let url: string | undefined = `${emu.url}/storage/api/v1/instances?appId=${encodeURIComponent(emu.appId)}&size=100`;
  while (url && paths.length < PAGES) {
    paths.push(url.slice(emu.url.length));
    const page: { next?: string | null } = await rawJson(url, { headers: { authorization: `Bearer ${emu.orgToken}` } });
    url = page.next ? onServer(emu.url, page.next) : undefined;
  }
  return paths;
}

/** Server CPU per request, and the ratio it implies when the server is the bottleneck. */
function cpuNote(emulator: number[], bare: number[]): string | undefined {
  if (emulator.length === 0 || bare.length === 0) {
    return undefined;
  }
  const e = median(emulator);
  const b = median(bare);
  return `server CPU per request ${round(e, 2)} ms vs ${round(b, 2)} ms, capacity ratio ${round(b / e)}×`;
}

/**
 * Figure 7: requests/s the emulator serves for Storage instance pages (auth, filtering, serialisation),
 * against a bare node:http server answering the same bytes, with the same load client in its own process.
 */
export async function measureEmulatorLoad(emu: EmulatorInfo & { pid?: number }, runs: number): Promise<FigureResult> {
  const paths = await pagePaths(emu);
  const bare = await startService<{ url: string }>(benchScript('bare-server'), { sourceUrl: emu.url, token: emu.orgToken, paths }, { timeoutMs: 30_000 });
  const samples = { emulator: [] as number[], bare: [] as number[] };
  const cpuPerRequest = { emulator: [] as number[], bare: [] as number[] };
  const pids = { emulator: emu.pid, bare: bare.process.pid };
  const errors = { emulator: 0, bare: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      for (const target of i % 2 === 0 ? (['emulator', 'bare'] as const) : (['bare', 'emulator'] as const)) {
        const cpuBefore = processCpuMs(pids[target]);
        const r = await runWorker<LoadResult>(
          benchScript('load-client'),
          {
            baseUrl: target === 'emulator' ? emu.url : bare.info.url,
            paths,
            token: emu.orgToken,
            connections: CONNECTIONS,
            warmupMs: 1000,
            durationMs: 3000,
            maxRequests: 1_000_000,
          },
          { timeoutMs: 60_000 },
        );
        samples[target].push(r.requestsPerSecond);
        const cpuAfter = processCpuMs(pids[target]);
        if (cpuBefore !== undefined && cpuAfter !== undefined && r.totalRequests > 0) {
          cpuPerRequest[target].push((cpuAfter - cpuBefore) / r.totalRequests);
        }
        errors[target] += r.errors;
      }
    }
  } finally {
    await bare.stop();
  }
  if (errors.emulator + errors.bare > 0) {
    throw new Error(`non-200 answers under load: emulator ${errors.emulator}, bare server ${errors.bare}`);
  }
  return figure({
    id: '7',
    title: `emulator GET /storage/api/v1/instances?appId=…&size=100 over ${emu.instances} instances (${paths.length} pages, ${CONNECTIONS} connections)`,
    unit: 'req/s',
    better: 'higher',
    samples: samples.emulator,
    baselineLabel: 'bare node:http, same pages',
    baselineSamples: samples.bare,
    target: { of: 'ratio', limit: 0.7 },
    note: cpuNote(cpuPerRequest.emulator, cpuPerRequest.bare),
  });
}

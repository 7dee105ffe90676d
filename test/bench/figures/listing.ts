import { benchScript, runWorker } from '../lib/child';
import type { EmulatorInfo, TimedSample } from '../lib/fixture';
import { figure, type FigureResult } from '../lib/report';
import { median, round } from '../lib/stats';

/** `api`: instances.iterate (one instance at a time); `api-pages`: instances.pages; `raw`: the baseline. */
export type ListMode = 'api' | 'api-pages' | 'raw';

export interface ListInput {
  mode: ListMode;
  baseUrl: string;
  token: string;
  appId: string;
  pageSize: number;
  warmup: number;
  measured: number;
  maxPages: number;
}

/**
 * Figure 3: every instance of the app through src/api's paging iterator against a minimal node:http client
 * doing the same requests. Modes alternate child by child so that drift on a shared machine hits both.
 */
export async function measureListing(emu: EmulatorInfo, pageSize: number, runs: number): Promise<FigureResult> {
  const perChild = 2;
  const rounds = Math.ceil(runs / perChild);
  type Measured = Exclude<ListMode, 'api-pages'>;
  const samples: Record<Measured, number[]> = { api: [], raw: [] };
  const cpu: Record<Measured, number[]> = { api: [], raw: [] };
  const seen: Record<Measured, number> = { api: -1, raw: -1 };
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const)) {
      const input: ListInput = {
        mode,
        baseUrl: emu.url,
        token: emu.orgToken,
        appId: emu.appId,
        pageSize,
        warmup: 1,
        measured: perChild,
        maxPages: Math.ceil(emu.instances / pageSize) + 100,
      };
      const r = await runWorker<TimedSample>(benchScript('list-worker'), input, { timeoutMs: 180_000 });
      samples[mode].push(...r.ms);
      cpu[mode].push(...r.cpuMs);
      seen[mode] = r.items;
    }
  }
  if (seen.api !== seen.raw) {
    throw new Error(`src/api listed ${seen.api} instances, the raw client ${seen.raw}`);
  }
  return figure({
    id: pageSize === 100 ? '3a' : '3b',
    title: `list all ${seen.api} instances of ${emu.appId}, page size ${pageSize} (src/api iterate)`,
    unit: 'ms',
    better: 'lower',
    samples: samples.api,
    baselineLabel: 'node:http + JSON.parse',
    baselineSamples: samples.raw,
    target: { of: 'ratio', limit: 1.15 },
    note: `client CPU ${Math.round(median(cpu.api))} ms vs ${Math.round(median(cpu.raw))} ms, ${round(median(cpu.api) / median(cpu.raw))}×`,
  });
}

// Time and peak memory of one transfer in this process.
import { peakRss } from './worker';

export interface TransferMeasure {
  ms: number;
  /** CPU time (user + system) of this process during the transfer. */
  cpuMs: number;
  /** Peak RSS during the transfer minus RSS just before it. */
  peakRssGrowth: number;
}

export async function measureTransfer(body: () => Promise<void>): Promise<TransferMeasure> {
  // Settle what module loading allocated, so the growth is the transfer's own.
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage.rss();
  const peakBefore = peakRss();
  let sampled = rssBefore;
  // maxrss cannot tell a peak during the transfer from one before it; sampling covers that case.
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 5);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    await body();
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const peakAfter = peakRss();
  const peak = peakAfter > peakBefore ? peakAfter : Math.max(sampled, process.memoryUsage.rss());
  return { ms, cpuMs: (used.user + used.system) / 1000, peakRssGrowth: Math.max(0, peak - rssBefore) };
}

/** `{base}/{org}/{app}/instances/…` → `org/app`. */
export function appIdOfUrl(baseUrl: string, url: string): string {
  const [org, app] = url.slice(baseUrl.length + 1).split('/');
  return `${org}/${app}`;
}

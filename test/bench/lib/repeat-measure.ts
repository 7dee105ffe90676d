// Runs one listing `warmup` times unmeasured, then `measured` times with wall and CPU time each.

export interface Counted {
  items: number;
  requests: number;
}

export interface RepeatedMeasure extends Counted {
  ms: number[];
  /** CPU time (user + system) of this process per run. */
  cpuMs: number[];
}

export async function measureRepeatedly(once: () => Promise<Counted>, warmup: number, measured: number): Promise<RepeatedMeasure> {
  for (let i = 0; i < warmup; i++) await once();
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let last: Counted = { items: 0, requests: 0 };
  for (let i = 0; i < measured; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    last = await once();
    ms.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { ms, cpuMs, ...last };
}

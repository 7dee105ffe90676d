import { benchScript, runWorker } from '../lib/child';
import { figure, type FigureResult } from '../lib/report';

/** Figure 2b: `require` of the production bundle in a fresh Node process each run (cold module cache). */
export async function measureRequire(bundle: string, runs: number): Promise<FigureResult> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runWorker<{ ms: number }>(benchScript('require-worker'), { bundle }, { timeoutMs: 30_000 });
    samples.push(r.ms);
  }
  return figure({
    id: '2b',
    title: 'require() of dist/extension.js in Node (vscode stubbed)',
    unit: 'ms',
    better: 'lower',
    samples,
    target: { of: 'value', limit: 20 },
  });
}

// `npm run bench [-- --json FILE]`: every figure of issue 7 beside a baseline measured in the same run.
// Heavy measurements run in child processes of their own; servers bind 127.0.0.1 only.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs, type BenchArgs } from './lib/args';
import { repoRoot } from './lib/exec';
import { machineInfo } from './lib/machine';
import { failedFigure, markdownTable, type BenchReport, type FigureResult } from './lib/report';
import { runFigures } from './figures/plan';

async function main(args: BenchArgs): Promise<number> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altinn-bench-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const report: BenchReport = { date: new Date().toISOString(), machine: machineInfo(), extensionVersion: pkg.version, figures: [] };
  const m = report.machine;
  console.log(`Altinn Explorer bench — ${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, load ${m.loadAverage.join(' ')}`);
  const onFigure = (f: FigureResult): void => {
    report.figures.push(f);
    const verdict = f.error ? `error: ${f.error}` : f.ratio !== undefined ? `${f.median} ${f.unit} vs ${f.baseline} → ${f.ratio}×` : `${f.median} ${f.unit}`;
    console.log(`  [${f.id}] ${f.title}: ${verdict}`);
  };
  try {
    await runFigures(args, tmp, onFigure, (v) => (report.vscodeVersion = v));
  } catch (e) {
    onFigure(failedFigure('-', 'bench', e));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  report.figures.sort((a, b) => a.id.localeCompare(b.id));
  console.log('');
  console.log(markdownTable(report.figures));
  if (args.json) {
    fs.writeFileSync(args.json, JSON.stringify(report, undefined, 2) + '\n');
    console.log(`\nfigures written to ${args.json}`);
  }
  const missed = report.figures.filter((f) => f.error || f.target?.met === false);
  const failed = report.figures.filter((f) => f.error).length;
  console.log(`\n${report.figures.length - missed.length} figures within target or reported, ${missed.length} missed or failed`);
  // Missed targets are findings, not failures; only a figure that could not be measured fails the run.
  return failed > 0 ? 1 : 0;
}

let args: BenchArgs;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
main(args).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

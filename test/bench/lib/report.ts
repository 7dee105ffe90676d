import { median, round } from './stats';
import type { MachineInfo } from './machine';

/** Which way is better decides how a ratio is read against its target. */
export type Better = 'lower' | 'higher';

export interface Target {
  /** 'ratio' compares figure/baseline; 'value' compares the figure itself. */
  of: 'ratio' | 'value';
  limit: number;
}

export interface FigureResult {
  id: string;
  title: string;
  unit: string;
  better: Better;
  samples: number[];
  median?: number;
  baselineLabel?: string;
  baselineSamples?: number[];
  baseline?: number;
  ratio?: number;
  target?: Target & { text: string; met?: boolean };
  note?: string;
  error?: string;
}

export interface FigureSpec {
  id: string;
  title: string;
  unit: string;
  better: Better;
  samples: number[];
  baselineLabel?: string;
  baselineSamples?: number[];
  target?: Target;
  note?: string;
}

function targetText(t: Target, better: Better, unit: string): string {
  const op = better === 'lower' ? '≤' : '≥';
  return t.of === 'ratio' ? `${op} ${t.limit}×` : `${op} ${t.limit} ${unit}`;
}

/** Medians, ratio and verdict for one figure. */
export function figure(spec: FigureSpec): FigureResult {
  const med = spec.samples.length > 0 ? median(spec.samples) : undefined;
  const base = spec.baselineSamples && spec.baselineSamples.length > 0 ? median(spec.baselineSamples) : undefined;
  const ratio = med !== undefined && base !== undefined && base !== 0 ? med / base : undefined;
  let target: FigureResult['target'];
  if (spec.target) {
    const subject = spec.target.of === 'ratio' ? ratio : med;
    const met =
      subject === undefined ? undefined : spec.better === 'lower' ? subject <= spec.target.limit : subject >= spec.target.limit;
    target = { ...spec.target, text: targetText(spec.target, spec.better, spec.unit), met };
  }
  return {
    id: spec.id,
    title: spec.title,
    unit: spec.unit,
    better: spec.better,
    samples: spec.samples.map((s) => round(s, 3)),
    median: med === undefined ? undefined : round(med, 3),
    baselineLabel: spec.baselineLabel,
    baselineSamples: spec.baselineSamples?.map((s) => round(s, 3)),
    baseline: base === undefined ? undefined : round(base, 3),
    ratio: ratio === undefined ? undefined : round(ratio, 3),
    target,
    note: spec.note,
  };
}

export function failedFigure(id: string, title: string, error: unknown): FigureResult {
  const message = error instanceof Error ? error.message : String(error);
  return { id, title, unit: '', better: 'lower', samples: [], error: message.split('\n')[0] };
}

function fmt(n: number | undefined, unit: string): string {
  if (n === undefined) {
    return '—';
  }
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return `${round(n, digits)} ${unit}`.trim();
}

function verdict(r: FigureResult): string {
  if (r.error) {
    return 'error';
  }
  if (!r.target) {
    return 'reported';
  }
  if (r.target.met === undefined) {
    return '—';
  }
  return r.target.met ? 'yes' : 'NO';
}

/** The table as Markdown, so the same text goes to the terminal and to BENCHMARKS.md. */
export function markdownTable(results: readonly FigureResult[]): string {
  const rows = [
    '| # | figure | median | baseline | ratio | target | met | runs |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const baseline = r.baseline === undefined ? '—' : `${fmt(r.baseline, r.unit)} (${r.baselineLabel ?? 'baseline'})`;
    const ratio = r.ratio === undefined ? '—' : `${round(r.ratio, 2)}×`;
    const title = r.error ? `${r.title} — ${r.error}` : r.note ? `${r.title} (${r.note})` : r.title;
    const runs = r.baselineSamples ? `${r.samples.length}+${r.baselineSamples.length}` : `${r.samples.length}`;
    rows.push(
      `| ${r.id} | ${title} | ${fmt(r.median, r.unit)} | ${baseline} | ${ratio} | ${r.target?.text ?? '—'} | ${verdict(r)} | ${runs} |`,
    );
  }
  return rows.join('\n');
}

export interface BenchReport {
  date: string;
  machine: MachineInfo;
  extensionVersion: string;
  vscodeVersion?: string;
  figures: FigureResult[];
}

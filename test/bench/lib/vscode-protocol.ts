/** Lines the in-host bench prints (through the workbench's codeAutomationLog) for the orchestrator to read. */
export const BENCH_MARKER = '@@altinn-bench ';

export interface VsCodeBenchInput {
  /** publisher.name of the extension under test. */
  extensionId: string;
  /** A no-op extension in the same host: the baseline activation. */
  emptyExtensionId?: string;
  /** Which to activate first in this session (alternates between sessions). */
  emptyFirst: boolean;
  tree?: {
    envId: string;
    appId: string;
    pageSize: number;
    runs: number;
    expectedInstances: number;
    /** Instances to show through "Load more…" before the measured pages (issue 14: 10,000). */
    showTarget: number;
    timeoutMs: number;
  };
}

export type BenchMessage =
  | { kind: 'version'; version: string; node: string }
  | {
      kind: 'activate';
      which: 'extension' | 'empty';
      /** Extension.activate() as a whole. */
      ms?: number;
      /** Loading the main module, as the host does it. */
      loadMs?: number;
      /** The extension's own activate(), until its result settles. */
      callMs?: number;
      alreadyActive?: boolean;
    }
  | {
      kind: 'expand';
      /** reveal(app, {expand: true}) until it resolved. */
      uiMs: number[];
      /** The same first page through the API client alone. */
      apiMs: number[];
      /** The extension's getChildren for the app node. */
      childrenMs: number[];
      /** From reveal() until the workbench asked for the children. */
      askMs: number[];
      /** reveal(app, {expand: true}) again once expanded: the round trip without loading anything. */
      roundTripMs: number[];
      /** Time in the extension's getTreeItem during the expansion. */
      treeItemMs: number[];
      firstPage: number;
    }
  | {
      kind: 'memory';
      /** With the first page shown, after a full GC. */
      beforeRss: number;
      beforeHeap: number;
      /** One reading (after a full GC) before each measured page once `showTarget` instances are shown. */
      afterRss: number[];
      afterHeap: number[];
      /** Instances shown when the measured pages began. */
      instances: number;
      /** Time from the first page until `showTarget` instances were shown. */
      loadAllMs: number;
      pages: number;
      /** false when the time limit stopped the loading first. */
      complete: boolean;
      /** The first "Load more…" clicks (pages 2, 3, …): the same-run baseline. */
      firstLoads: PageLoad[];
      /** "Load more…" clicks once `showTarget` instances were shown. */
      laterLoads: PageLoad[];
      /** Every "Load more…" on the way: instances shown after it and the time it took. */
      perLoad: { instances: number; ms: number }[];
    }
  | { kind: 'error'; message: string };

/** One "Load more…" as the bench saw it. */
export interface PageLoad {
  /** From the command until the new rows were fetched by the view and a reveal of the first of them had returned. */
  ms: number;
  /** Until the view had fetched the new rows (without the reveal). */
  fetchedMs: number;
  /** Nodes the extension fired onDidChangeTreeData for, and how many rows the view fetched again. */
  fired: string[];
  rowsFetched: number;
  instances: number;
}

export function parseBenchLine(line: string): BenchMessage | undefined {
  const at = line.indexOf(BENCH_MARKER);
  if (at < 0) {
    return undefined;
  }
  try {
    return JSON.parse(line.slice(at + BENCH_MARKER.length)) as BenchMessage;
  } catch {
    return undefined;
  }
}

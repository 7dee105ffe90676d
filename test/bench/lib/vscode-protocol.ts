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
      beforeRss: number;
      beforeHeap: number;
      afterRss: number;
      afterHeap: number;
      instances: number;
      loadAllMs: number;
      pages: number;
      /** false when the time limit stopped the loading first. */
      complete: boolean;
      /** Each "Load more…": instances shown after it, time until the view had them, time in getChildren. */
      perLoad: { instances: number; ms: number; providerMs: number }[];
    }
  | { kind: 'error'; message: string };

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

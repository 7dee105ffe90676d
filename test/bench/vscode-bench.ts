// Runs inside the VS Code extension host as extensionTestsPath (figures 2a and 4). It measures, prints
// its figures behind a marker and returns; the orchestrator (figures/vscode.ts) reads them from the page.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AltinnExplorerApi } from '../../src/extension';
import { timeActivation } from './lib/vscode-activation';
import { BENCH_MARKER, type BenchMessage, type PageLoad, type VsCodeBenchInput } from './lib/vscode-protocol';
import { collectGarbage, findAppNode, isLoadMore, loadNextPage, nextChildrenFetch, sleep, watchTreeItems } from './lib/vscode-tree';

const LOAD_MORE_COMMAND = 'altinn.loadMore';

function report(m: BenchMessage): void {
  console.log(BENCH_MARKER + JSON.stringify(m));
}

async function measureTree(api: AltinnExplorerApi, tree: NonNullable<VsCodeBenchInput['tree']>): Promise<void> {
  const deadline = Date.now() + tree.timeoutMs;
  await vscode.commands.executeCommand('altinnExplorer.focus');
  const app = await findAppNode(api, tree.envId, tree.appId, deadline);
  const client = api.registry.client(tree.envId);
  const uiMs: number[] = [];
  const apiMs: number[] = [];
  const childrenMs: number[] = [];
  const askMs: number[] = [];
  const roundTripMs: number[] = [];
  const treeItemMs: number[] = [];
  let firstPage = 0;
  // One warm-up round, then the measured ones; the API call alone and the expansion alternate.
  for (let i = 0; i <= tree.runs && Date.now() < deadline; i++) {
    let start = performance.now();
    const page = await client.instances.query({ appId: tree.appId, size: tree.pageSize });
    const api1 = performance.now() - start;

    await vscode.commands.executeCommand('workbench.actions.treeView.altinnExplorer.collapseAll');
    await api.tree.refresh(app);
    await api.tree.view.reveal(app, { expand: false, select: false, focus: false });
    const fetched = nextChildrenFetch(api, app, 30_000);
    const items = watchTreeItems(api);
    start = performance.now();
    await api.tree.view.reveal(app, { expand: true, select: false, focus: false });
    const ui = performance.now() - start;
    const itemCost = items.stop();
    const { children, providerMs, askedAt } = await fetched;
    // The same call on the node now expanded: what a reveal round trip costs without any children to load.
    const again = performance.now();
    await api.tree.view.reveal(app, { expand: true, select: false, focus: false });
    const roundTrip = performance.now() - again;
    firstPage = children.filter((c) => !isLoadMore(c)).length;
    if (i > 0) {
      uiMs.push(ui);
      apiMs.push(api1);
      childrenMs.push(providerMs);
      askMs.push(askedAt - start);
      roundTripMs.push(roundTrip);
      treeItemMs.push(itemCost.ms);
    }
    if (page.instances.length !== tree.pageSize) {
      throw new Error(`the first page held ${page.instances.length} instances, not ${tree.pageSize}`);
    }
  }
  report({ kind: 'expand', uiMs, apiMs, childrenMs, askMs, roundTripMs, treeItemMs, firstPage });

  // "Load more…" as a user clicking it would: the first clicks (the baseline), on without pauses until
  // `showTarget` instances are shown, then the measured clicks, each after a pause and a full GC.
  const seen = new Set((await api.tree.provider.getChildren(app)).filter((c) => c.context.instance).map((c) => c.context.instance!.id));
  let loadMore = (await api.tree.provider.getChildren(app)).find(isLoadMore);
  const runs = Math.max(tree.runs, 5);
  const firstLoads: PageLoad[] = [];
  const laterLoads: PageLoad[] = [];
  const perLoad: { instances: number; ms: number }[] = [];
  const afterRss: number[] = [];
  const afterHeap: number[] = [];
  const click = async (): Promise<PageLoad> => {
    const r = await loadNextPage(api, LOAD_MORE_COMMAND, loadMore!, seen, 120_000);
    loadMore = r.next;
    perLoad.push({ instances: seen.size, ms: r.ms });
    return { ms: r.ms, fetchedMs: r.fetchedMs, fired: r.fired, rowsFetched: r.rowsFetched, instances: seen.size };
  };
  // Every measured click, baseline or not, comes after the same pause and full GC (a GC can flush compiled code).
  const settle = async (): Promise<NodeJS.MemoryUsage> => {
    await sleep(1000);
    collectGarbage();
    return process.memoryUsage();
  };
  const before = await settle();
  const start = performance.now();
  let pages = 1;
  for (let i = 0; i < runs && loadMore; i++, pages++) {
    if (i > 0) await settle();
    firstLoads.push(await click());
  }
  while (loadMore && seen.size < tree.showTarget && Date.now() < deadline) {
    await click();
    pages++;
  }
  const loadAllMs = performance.now() - start;
  const instances = seen.size;
  for (let i = 0; i < runs && loadMore && Date.now() < deadline; i++, pages++) {
    const m = await settle();
    afterRss.push(m.rss);
    afterHeap.push(m.heapUsed);
    laterLoads.push(await click());
  }
  report({
    kind: 'memory',
    beforeRss: before.rss,
    beforeHeap: before.heapUsed,
    afterRss,
    afterHeap,
    instances,
    loadAllMs,
    pages,
    complete: laterLoads.length >= runs,
    firstLoads,
    laterLoads,
    perLoad,
  });
}

export async function run(): Promise<void> {
  report({ kind: 'version', version: vscode.version, node: process.versions.node });
  const inputFile = process.env.ALTINN_BENCH_INPUT;
  if (!inputFile) {
    report({ kind: 'error', message: 'ALTINN_BENCH_INPUT is not set' });
    return;
  }
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8')) as VsCodeBenchInput;
  try {
    const order: ['extension' | 'empty', string | undefined][] = [
      ['extension', input.extensionId],
      ['empty', input.emptyExtensionId],
    ];
    if (input.emptyFirst) {
      order.reverse();
    }
    for (const [which, id] of order) {
      if (id) {
        await timeActivation(id, which, report);
      }
    }
    if (input.tree) {
      const api = vscode.extensions.getExtension<AltinnExplorerApi>(input.extensionId)?.exports;
      if (!api) {
        throw new Error('the extension returned no API from activate()');
      }
      await measureTree(api, input.tree);
    }
  } catch (e) {
    report({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
}

// Runs inside the VS Code extension host as extensionTestsPath (figures 2a and 4). It measures, prints
// its figures behind a marker and returns; the orchestrator (figures/vscode.ts) reads them from the page.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AltinnExplorerApi } from '../../src/extension';
import { timeActivation } from './lib/vscode-activation';
import { BENCH_MARKER, type BenchMessage, type VsCodeBenchInput } from './lib/vscode-protocol';
import { collectGarbage, findAppNode, isLoadMore, nextChildrenFetch, sleep, watchTreeItems } from './lib/vscode-tree';

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
  let more = false;
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
    more = isLoadMore(children.at(-1));
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

  // Load more until the app has no more pages, as a user clicking "Load more…" would.
  collectGarbage();
  const before = process.memoryUsage();
  const start = performance.now();
  let pages = 1;
  let instances = firstPage;
  const maxPages = Math.ceil(tree.expectedInstances / tree.pageSize) + 5;
  const perLoad: { instances: number; ms: number; providerMs: number }[] = [];
  while (more && pages < maxPages && Date.now() < deadline) {
    const fetched = nextChildrenFetch(api, app, 60_000);
    const begin = performance.now();
    await vscode.commands.executeCommand(LOAD_MORE_COMMAND, { parent: app, id: `${app.id}/load-more-${pages}` });
    const { children, providerMs } = await fetched;
    pages++;
    instances = children.filter((c) => !isLoadMore(c)).length;
    more = isLoadMore(children.at(-1));
    perLoad.push({ instances, ms: performance.now() - begin, providerMs });
  }
  const loadAllMs = performance.now() - start;
  // Let the workbench finish rendering the last page before reading memory.
  await sleep(1000);
  collectGarbage();
  const after = process.memoryUsage();
  report({
    kind: 'memory',
    beforeRss: before.rss,
    beforeHeap: before.heapUsed,
    afterRss: after.rss,
    afterHeap: after.heapUsed,
    instances,
    loadAllMs,
    pages,
    complete: !more,
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

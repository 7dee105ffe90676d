// Inside the extension host: finding the app's node and watching the view fetch its children (figure 4).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { AltinnExplorerApi } from '../../../src/extension';
import type { AltinnNode } from '../../../src/tree/base';

/**
 * A full GC before each memory reading, so that the figures are live memory rather than garbage awaiting
 * collection. The host is not started with --expose-gc; this obtains the same function at run time.
 */
export function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Walks the tree as VS Code would until the app's node shows (sign-in happens in the background). */
export async function findAppNode(api: AltinnExplorerApi, envId: string, appId: string, deadline: number): Promise<AltinnNode> {
  const suffix = `/a:${appId}`;
  while (Date.now() < deadline) {
    const queue: { node?: AltinnNode; depth: number }[] = [{ depth: 0 }];
    let visited = 0;
    while (queue.length > 0 && visited < 500) {
      const { node, depth } = queue.shift()!;
      visited++;
      const children = await api.tree.provider.getChildren(node);
      for (const child of children) {
        if (child.id.endsWith(suffix) && child.id.includes(envId)) {
          return child;
        }
        if (depth < 3 && !child.id.includes('/a:') && vscode.TreeItemCollapsibleState.None !== child.getTreeItem().collapsibleState) {
          queue.push({ node: child, depth: depth + 1 });
        }
      }
    }
    await sleep(500);
    await api.tree.refresh();
  }
  throw new Error(`no node for ${appId} in environment ${envId}`);
}

/**
 * Resolves with the children the workbench next asks `node` for (it asks after a change event or an
 * expansion), so a page counts as shown once it has reached the view's data model.
 */
export interface Fetched {
  children: AltinnNode[];
  /** performance.now() when the workbench asked. */
  askedAt: number;
  /** Time the extension's getChildren took for this call (the rest of a refresh is the workbench's). */
  providerMs: number;
}

export function nextChildrenFetch(api: AltinnExplorerApi, node: AltinnNode, timeoutMs: number): Promise<Fetched> {
  const provider = api.tree.provider;
  const original = provider.getChildren.bind(provider);
  return new Promise<Fetched>((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.getChildren = original;
      reject(new Error(`the view did not ask for the app's children within ${timeoutMs} ms`));
    }, timeoutMs);
    provider.getChildren = async (n?: AltinnNode) => {
      const start = performance.now();
      const children = await original(n);
      if (n === node) {
        clearTimeout(timer);
        provider.getChildren = original;
        resolve({ children, askedAt: start, providerMs: performance.now() - start });
      }
      return children;
    };
  });
}

export const isLoadMore = (n: AltinnNode | undefined): boolean => n !== undefined && n.id.includes('/load-more-');

/** Counts the calls of the provider's getTreeItem and the time they take until stop(). */
export function watchTreeItems(api: AltinnExplorerApi): { stop(): { calls: number; ms: number } } {
  const provider = api.tree.provider;
  const original = provider.getTreeItem.bind(provider);
  let calls = 0;
  let ms = 0;
  provider.getTreeItem = (n: AltinnNode) => {
    const start = performance.now();
    try {
      return original(n);
    } finally {
      ms += performance.now() - start;
      calls++;
    }
  };
  return {
    stop: () => {
      provider.getTreeItem = original;
      return { calls, ms };
    },
  };
}

/** A row of the tree: an instance (not one of its data elements). */
const isRow = (n: AltinnNode): boolean => n.context.instance !== undefined && n.context.dataElement === undefined && n.id.includes('/i:');

export interface PageResult {
  ms: number;
  fetchedMs: number;
  fired: string[];
  rowsFetched: number;
  /** The "Load more…" node the view was given last, if the list goes on. */
  next?: AltinnNode;
}

/**
 * Clicks "Load more…" (the command, with the node the view shows) and waits until the view has fetched the
 * new rows and the next "Load more…", then reveals the first new row, which returns once the workbench has it.
 * Works whatever node the extension fires a change for: it watches what the view asks for, not the code.
 * `seen` holds the ids of the rows shown so far and receives the new ones.
 */
export function loadNextPage(api: AltinnExplorerApi, command: string, loadMore: AltinnNode, seen: Set<string>, timeoutMs: number): Promise<PageResult> {
  const provider = api.tree.provider;
  const original = provider.getChildren.bind(provider);
  const fired: string[] = [];
  const subscription = provider.onDidChangeTreeData((n) => fired.push(n ? n.id : '(root)'));
  let rowsFetched = 0;
  let firstNew: AltinnNode | undefined;
  let next: AltinnNode | undefined;
  let ended = false;
  let done: (() => void) | undefined;
  const settled = new Promise<void>((resolve) => (done = resolve));
  provider.getChildren = async (n?: AltinnNode) => {
    const children = await original(n);
    for (const c of children) {
      if (isRow(c)) {
        rowsFetched++;
        const id = c.context.instance!.id;
        if (!seen.has(id)) {
          seen.add(id);
          firstNew ??= c;
        }
      } else if (isLoadMore(c) && c.id !== loadMore.id) {
        next = c;
      }
    }
    if (n && fired.includes(n.id) && !children.some(isLoadMore)) {
      ended = true;
    }
    if (firstNew && (next || ended)) {
      done?.();
    }
    return children;
  };
  const begin = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the view did not show a new page within ${timeoutMs} ms`)), timeoutMs)));
  const run = async (): Promise<PageResult> => {
    await vscode.commands.executeCommand(command, loadMore);
    await settled;
    const fetchedMs = performance.now() - begin;
    await api.tree.view.reveal(firstNew!, { select: false, focus: false, expand: false });
    return { ms: performance.now() - begin, fetchedMs, fired: [...fired], rowsFetched, next };
  };
  return Promise.race([run(), timeout]).finally(() => {
    clearTimeout(timer);
    provider.getChildren = original;
    subscription.dispose();
  });
}

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AltinnNode } from '../../src/tree/nodes';
import { EmulatorTraffic } from './authFixture';
import { hasTag, isApp, isEnv, isInstanceNode, isLoadMoreNode, label, startExplorerFixture, waitFor, walk, type ExplorerFixture } from './explorerFixture';

const APP = 'ttd/building-permit';
const PAGE_SIZE = 5;
/** Storage's instance query, which every "Load more…" asks once (docs/altinn-behaviour.md §2.1). */
const QUERY = /^\/storage\/api\/v1\/instances$/;
/** Pages 2–11 make the first group, 12–21 the second (src/tree/pageNodes.ts PAGES_PER_GROUP). */
const LAST_PAGE = 13;

describe('Explorer tree paging: "Load more…" costs one page, whatever is shown (against the emulator)', () => {
  let fx: ExplorerFixture;
  let traffic: EmulatorTraffic;

  before(async () => {
    fx = await startExplorerFixture({ instancesPerApp: 80, pageSize: PAGE_SIZE });
    traffic = EmulatorTraffic.forUrl(fx.emulator.url);
    await vscode.commands.executeCommand('altinnExplorer.focus');
  });
  after(async () => {
    traffic?.dispose();
    await fx?.close();
  });

  /** The app node, freshly reloaded (one page shown) and expanded in the view. */
  async function shownApp(): Promise<AltinnNode> {
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp(APP));
    await fx.api.tree.provider.refresh(app);
    await fx.api.tree.view.reveal(app, { expand: true, select: false, focus: false });
    return app;
  }

  it('adds each page as a node of its own, fires a change for its group only, and the view asks for no row it has', async () => {
    const provider = fx.api.tree.provider;
    const getChildren = provider.getChildren.bind(provider);
    const app = await shownApp();
    const fired: (AltinnNode | undefined)[] = [];
    const asked: (AltinnNode | undefined)[] = [];
    const subscription = provider.onDidChangeTreeData((n) => fired.push(n));
    // What the view asks for (the test itself reads through `getChildren`, which is not counted).
    provider.getChildren = (n?: AltinnNode) => {
      asked.push(n);
      return getChildren(n);
    };
    try {
      let more = (await getChildren(app)).find(isLoadMoreNode);
      for (let page = 2; page <= LAST_PAGE; page++) {
        assert.ok(more, `"Load more…" before page ${page}`);
        fired.length = 0;
        asked.length = 0;
        await vscode.commands.executeCommand('altinn.loadMore', more);
        const groups = (await getChildren(app)).filter(hasTag('pages'));
        const group = groups.at(-1);
        assert.ok(group, 'the pages after the first are in groups under the app');
        const pageNodes = await getChildren(group);
        const newest = pageNodes.at(-2);
        assert.ok(newest && label(newest) === `Page ${page}`, `page ${page} is its group's last page`);
        assert.equal(newest.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded, 'the new page opens');
        await waitFor(`the view to ask for page ${page}'s rows`, () => asked.includes(newest));
        const rows = (await getChildren(newest)).filter(isInstanceNode);
        assert.equal(rows.length, PAGE_SIZE);
        await fx.api.tree.view.reveal(rows[0], { select: false, focus: false, expand: false });
        const item = provider.getTreeItem(rows[0]);
        assert.equal(item.tooltip, undefined, 'a row is sent without its tooltip');
        assert.ok(provider.resolveTreeItem(item, rows[0]).tooltip instanceof vscode.MarkdownString, 'the tooltip comes on hover');
        if (page === 2 || page === 12) {
          // A new group: the app gets it as a child (the first page's rows are asked for once more).
          assert.deepEqual(fired, [app]);
          assert.equal(label(group), `Pages ${page}–${page + 9}`);
        } else {
          assert.deepEqual(
            fired.map((n) => n?.id),
            [group.id],
            'one change event, for the group of the new page',
          );
          assert.ok(!asked.includes(app), 'the view does not ask the app for its rows again');
          assert.deepEqual(
            asked.filter((n) => n !== group && n !== newest).map((n) => n?.id),
            [],
            'the view asks only for the group and the new page',
          );
          const previous = pageNodes.at(-3);
          assert.ok(previous && label(previous) === `Page ${page - 1}`);
          assert.equal(previous.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'the page before folds up');
        }
        if (page >= 12) {
          assert.deepEqual(groups.map(label), ['Pages 2–11', 'Pages 12–21']);
          assert.equal(groups[0].getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a full group folds up');
        }
        more = pageNodes.at(-1);
        assert.ok(isLoadMoreNode(more));
      }
      // Every row is there once, in Storage's order (newest change first).
      const ids: string[] = [];
      for (const node of await getChildren(app)) {
        if (isInstanceNode(node)) {
          ids.push(node.instance.id);
        } else if (hasTag('pages')(node)) {
          for (const page of (await getChildren(node)).filter(hasTag('page'))) {
            ids.push(...(await getChildren(page)).filter(isInstanceNode).map((r) => r.instance.id));
          }
        }
      }
      const expected = fx.emulator.store.listInstances(APP).slice(0, LAST_PAGE * PAGE_SIZE).map((i) => i.id);
      assert.deepEqual(ids, expected);
    } finally {
      provider.getChildren = getChildren;
      subscription.dispose();
    }
  });

  it('loads one page when "Load more…" is clicked twice at once, and nothing for a click on a page already loaded', async () => {
    const app = await shownApp();
    const more = (await fx.api.tree.provider.getChildren(app)).find(isLoadMoreNode);
    assert.ok(more);
    traffic.clear();
    await Promise.all([vscode.commands.executeCommand('altinn.loadMore', more), vscode.commands.executeCommand('altinn.loadMore', more)]);
    assert.equal(traffic.count(QUERY), 1, 'one Storage query for two clicks');

    const pages = (await fx.api.tree.provider.getChildren(app)).at(-1);
    assert.ok(pages && hasTag('pages')(pages));
    assert.equal(label(pages), 'Pages 2–11');
    let pageNodes = await fx.api.tree.provider.getChildren(pages);
    assert.deepEqual(pageNodes.map(label), ['Page 2', 'Load more…']);

    await vscode.commands.executeCommand('altinn.loadMore', more);
    assert.equal(traffic.count(QUERY), 1, 'the old "Load more…" loads nothing');
    pageNodes = await fx.api.tree.provider.getChildren(pages);
    assert.deepEqual(pageNodes.map(label), ['Page 2', 'Load more…']);
    assert.equal((await fx.api.tree.provider.getChildren(pageNodes[0])).filter(isInstanceNode).length, PAGE_SIZE);
  });
});

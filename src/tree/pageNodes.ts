import * as vscode from 'vscode';
import type { Instance } from '../api';
import { AltinnNode, tags, type NodeContext } from './base';
import { LoadMoreNode, MessageNode } from './infoNodes';
import type { InstanceNode } from './instanceNode';

/** What the page nodes need from their app: which rows to show, and the next page's "Load more…". */
export interface PagedList {
  readonly id: string;
  readonly context: NodeContext;
  /** The rows of a page that the app shows now (its filter and the visited instances decide). */
  shown(nodes: readonly InstanceNode[]): InstanceNode[];
  /** The message for a page that shows no row. */
  emptyPageMessage(): string;
  readonly pages: number;
  readonly hasMore: boolean;
}

/** Pages per group: a click re-renders at most this many page nodes, not one per page shown. */
export const PAGES_PER_GROUP = 10;

/**
 * Up to ten pages after the first, under one node ("Pages 2–11 · 300 instances"). "Load more…" adds a page to
 * the last group and fires a change for that group only, so VS Code asks again for its few pages and the new page's rows, never for
 * the rows already shown (on a change event VS Code re-fetches the node's children and those of its expanded
 * descendants). A full group folds up when the next one starts, which is the only click that re-renders the app.
 */
export class PagesNode extends AltinnNode {
  readonly context: NodeContext;
  private readonly list: PageNode[] = [];
  private folded = false;

  constructor(
    readonly app: AltinnNode & PagedList,
    readonly first: number,
  ) {
    super(app);
    this.context = app.context;
  }

  /** Changes once, when the group folds: see PageNode.id. */
  get id(): string {
    return `${this.app.id}/pages-${this.first}${this.folded ? '' : '-new'}`;
  }

  get full(): boolean {
    return this.list.length >= PAGES_PER_GROUP;
  }

  fold(): void {
    this.folded = true;
    this.list.at(-1)?.fold();
  }

  /** The node for a newly loaded page; the page before it folds up. */
  add(build: (page: PageNode) => InstanceNode[]): PageNode {
    this.list.at(-1)?.fold();
    const page = new PageNode(this, this.first + this.list.length);
    page.rows = build(page);
    this.list.push(page);
    return page;
  }

  getTreeItem(): vscode.TreeItem {
    // Named by the pages it holds when full, so that its label does not change while it fills.
    const item = new vscode.TreeItem(
      vscode.l10n.t('Pages {0}–{1}', this.first, this.first + PAGES_PER_GROUP - 1),
      this.folded ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    item.description = vscode.l10n.t('{0} instances', this.list.reduce((sum, p) => sum + p.rows.length, 0));
    item.iconPath = new vscode.ThemeIcon('list-flat');
    item.contextValue = tags('pages');
    return item;
  }

  override getChildren(): AltinnNode[] {
    const nodes: AltinnNode[] = [...this.list];
    if (!this.folded && this.app.hasMore) {
      nodes.push(new LoadMoreNode(this, this.app, this.app.pages));
    }
    return nodes;
  }
}

/** One loaded page of instances: "Page 3 · 100 instances · 2026-03-12–2026-03-14" (the dates they last changed). */
export class PageNode extends AltinnNode {
  readonly context: NodeContext;
  rows: InstanceNode[] = [];
  private folded = false;
  /** Worked out once: a page's rows stay the same until its app reloads (and makes new pages). */
  private range?: string | null;

  constructor(
    readonly pages: PagesNode,
    readonly page: number,
  ) {
    super(pages);
    this.context = pages.context;
  }

  /**
   * The newest page opens; an older one shows folded. VS Code keeps an item's expansion by its id and ignores a
   * changed collapsibleState, so the id changes once when a newer page arrives: the rows a user paged past then
   * cost nothing when the next page comes, and open again with a click.
   */
  get id(): string {
    return `${this.pages.id}/page-${this.page}${this.folded ? '' : '-new'}`;
  }

  fold(): void {
    this.folded = true;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      vscode.l10n.t('Page {0}', this.page),
      this.folded ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    const range = (this.range ??= changedRange(this.rows.map((r) => r.instance)) ?? null);
    item.description = range
      ? vscode.l10n.t('{0} instances · {1}', this.rows.length, range)
      : vscode.l10n.t('{0} instances', this.rows.length);
    item.iconPath = new vscode.ThemeIcon('files');
    item.contextValue = tags('page');
    return item;
  }

  override getChildren(): AltinnNode[] {
    const shown = this.pages.app.shown(this.rows);
    return shown.length > 0 ? shown : [new MessageNode(this, this.pages.app.emptyPageMessage())];
  }
}

/** The days a page's instances last changed, oldest to newest (Storage lists the newest change first). */
function changedRange(instances: readonly Instance[]): string | undefined {
  const days = instances.map((i) => i.lastChanged?.slice(0, 10)).filter((d): d is string => Boolean(d)).sort();
  if (days.length === 0) {
    return undefined;
  }
  const first = days[0];
  const last = days[days.length - 1];
  return first === last ? first : `${first}–${last}`;
}

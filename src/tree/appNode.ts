import * as vscode from 'vscode';
import { formatAppId, type AppId, type Application, type Instance } from '../api';
import { pickText } from '../util/language';
import { AltinnNode, tags, type NodeContext } from './base';
import { describeFilter, isEmpty, matchesFilter } from './filters';
import { LoadMoreNode, MessageNode } from './infoNodes';
import { InstanceNode } from './instanceNode';
import { PagesNode, type PagedList } from './pageNodes';
import { fetchInstancePage } from './instanceQuery';
import { pageSize, type TreeServices } from './services';

/** Loaded pages keep their nodes, so that VS Code and commands see the same objects until a reload. */
interface LoadedPages {
  /** The first page's rows, shown directly under the app. */
  nodes: InstanceNode[];
  /** The pages after the first, in groups, once "Load more…" was used. */
  groups: PagesNode[];
  /** Ids of every loaded instance, so that a page never repeats one (a change can move it between pages). */
  ids: Set<string>;
  continuationToken?: string;
  pages: number;
}

/** An app; its children are its instances, paged through Storage, narrowed by the app's filter. */
export class AppNode extends AltinnNode implements PagedList {
  readonly id: string;
  readonly context: NodeContext;
  private loaded?: LoadedPages;
  /** Instances opened with "Go to instance…" or just created, shown first whether or not a page holds them. */
  private visited: InstanceNode[] = [];
  /** The page being loaded: a second click on "Load more…" meanwhile waits for it instead of asking again. */
  private loading?: Promise<AltinnNode | undefined>;

  constructor(
    parent: AltinnNode,
    private readonly services: TreeServices,
    readonly envId: string,
    readonly appId: AppId,
    private readonly application: Application | undefined,
    readonly asOrg: boolean,
    /** Set for an app user's branch: only this party's instances. */
    readonly partyId?: string,
  ) {
    super(parent);
    this.id = `${parent.id}/a:${formatAppId(appId)}`;
    this.context = { envId, appId, partyId };
  }

  get title(): string {
    return pickText(this.application?.title) ?? this.appId.app;
  }

  getTreeItem(): vscode.TreeItem {
    const filter = this.services.filters.get(this.envId, this.appId);
    const pinned = this.services.pins.isAppPinned(this.envId, this.appId);
    const item = new vscode.TreeItem(this.title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    // A description shows text only (no codicons): the filter is said in words.
    item.description = isEmpty(filter) ? formatAppId(this.appId) : vscode.l10n.t('Filter: {0}', describeFilter(filter));
    item.tooltip = new vscode.MarkdownString(`**${this.title}**\n\n\`${formatAppId(this.appId)}\``);
    if (!isEmpty(filter)) {
      // The description is cut at the sidebar's width: the whole filter is in the tooltip, as text (typed search text is not markdown).
      item.tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Filter: {0}', describeFilter(filter, true)));
    }
    item.iconPath = new vscode.ThemeIcon(pinned ? 'pinned' : 'package');
    item.contextValue = tags('app', pinned ? 'pinned' : 'unpinned', !isEmpty(filter) && 'filtered', this.asOrg ? 'asOrg' : 'asUser');
    return item;
  }

  /** Whether a filter narrows the list, so that a changed instance may have to leave it. */
  get filtered(): boolean {
    return !isEmpty(this.services.filters.get(this.envId, this.appId));
  }

  override async reload(): Promise<void> {
    this.loaded = undefined;
    this.loading = undefined;
    if (this.filtered) {
      // Visited instances are shown by what the extension last saw, and may have been moved on or deleted
      // since by someone else: under a filter they are read again, so that the filter judges fresh copies.
      // One that is gone (404) or can no longer be read leaves the list.
      const fresh = await Promise.all(this.visited.map((n) => n.reload().then(() => n, () => undefined)));
      this.visited = fresh.filter((n): n is InstanceNode => n !== undefined);
    }
  }

  /** Shows an instance found by id at the top of the list and returns its node. */
  addVisited(instance: Instance): InstanceNode {
    const node = this.nodeFor(instance, this);
    this.visited = [node, ...this.visited.filter((n) => n.instance.id !== instance.id)];
    return node;
  }

  get pages(): number {
    return this.loaded?.pages ?? 0;
  }

  get hasMore(): boolean {
    return Boolean(this.loaded?.continuationToken);
  }

  /**
   * Instances created, opened or changed in this session are held in `visited`, not asked for again: under a
   * filter they show only while they meet it (an instance moved on or deleted leaves the list at once). A
   * visited node holds the freshest copy: a page's older node of the same instance never stands in for it.
   */
  shown(nodes: readonly InstanceNode[]): InstanceNode[] {
    const filter = this.services.filters.get(this.envId, this.appId);
    const visitedIds = new Set(this.visited.map((n) => n.instance.id));
    return nodes.filter((n) => !visitedIds.has(n.instance.id) && (isEmpty(filter) || matchesFilter(n.instance, filter)));
  }

  emptyPageMessage(): string {
    return this.filtered ? vscode.l10n.t('No instances on this page match the filter') : vscode.l10n.t('No instances you can see on this page');
  }

  override async getChildren(): Promise<AltinnNode[]> {
    if (!this.loaded) {
      const page = await this.fetchPage(undefined);
      const nodes = page.instances.map((i) => this.nodeFor(i, this));
      this.loaded = { nodes, groups: [], ids: new Set(page.instances.map((i) => i.id)), continuationToken: page.continuationToken, pages: 1 };
      this.refreshVisited(page.instances);
    }
    const filter = this.services.filters.get(this.envId, this.appId);
    const visited = this.visited.filter((n) => isEmpty(filter) || matchesFilter(n.instance, filter));
    const nodes: AltinnNode[] = [...visited, ...this.shown(this.loaded.nodes)];
    const tail: AltinnNode[] =
      this.loaded.groups.length > 0 ? this.loaded.groups : this.loaded.continuationToken ? [new LoadMoreNode(this, this, this.loaded.pages)] : [];
    if (nodes.length === 0 && tail.length > 0) {
      // Storage filters a user's page by authorisation after paging: a page can be empty and still have a
      // next one (InstancesController.ExecuteQueryAndBuildResponse, docs/altinn-behaviour.md §2.1).
      return [new MessageNode(this, this.emptyPageMessage()), ...tail];
    }
    if (nodes.length === 0) {
      if (filter.state === 'deletedPermanently') {
        return [new MessageNode(this, vscode.l10n.t('No permanently deleted instances (Altinn lists them only to service owners with a service-owner scope)'))];
      }
      return [new MessageNode(this, isEmpty(filter) ? vscode.l10n.t('No instances') : vscode.l10n.t('No instances match the filter'))];
    }
    return [...nodes, ...tail];
  }

  /**
   * Loads the page after `afterPage` and returns the node whose children changed: the last group of pages, or
   * the app when the page starts a group. A click on a "Load more…" of a page already loaded,
   * or while one loads, loads nothing: a double click is one request.
   */
  loadMore(afterPage: number, signal?: AbortSignal): Promise<AltinnNode | undefined> {
    if (this.loading) {
      // The first click reports the outcome; this one only waits for it.
      return this.loading.then(
        () => undefined,
        () => undefined,
      );
    }
    if (!this.loaded?.continuationToken || this.loaded.pages !== afterPage) {
      return Promise.resolve(undefined);
    }
    const loading = this.appendPage(this.loaded, signal).finally(() => {
      if (this.loading === loading) {
        this.loading = undefined;
      }
    });
    this.loading = loading;
    return loading;
  }

  private async appendPage(loaded: LoadedPages, signal?: AbortSignal): Promise<AltinnNode | undefined> {
    const page = await this.fetchPage(loaded.continuationToken, signal);
    if (this.loaded !== loaded) {
      return undefined; // reloaded meanwhile: this page belongs to a list no longer shown
    }
    const fresh = page.instances.filter((i) => !loaded.ids.has(i.id));
    fresh.forEach((i) => loaded.ids.add(i.id));
    const last = loaded.groups.at(-1);
    const group = last && !last.full ? last : new PagesNode(this, loaded.pages + 1);
    if (group !== last) {
      last?.fold();
      loaded.groups.push(group);
    }
    group.add((parent) => fresh.map((i) => this.nodeFor(i, parent)));
    loaded.continuationToken = page.continuationToken;
    loaded.pages++;
    this.refreshVisited(page.instances);
    return group === last ? group : this;
  }

  private nodeFor(instance: Instance, parent: AltinnNode): InstanceNode {
    return new InstanceNode(parent, this.services, this.envId, this.appId, instance, this.asOrg);
  }

  /** Visited nodes take the fresher copy when a page brings their instance along. */
  private refreshVisited(fresh: Instance[]): void {
    const byId = new Map(fresh.map((i) => [i.id, i]));
    for (const node of this.visited) {
      const newer = byId.get(node.instance.id);
      if (newer) {
        node.update(newer);
      }
    }
  }

  private fetchPage(continuationToken: string | undefined, signal?: AbortSignal) {
    return fetchInstancePage(this.services.registry.client(this.envId), {
      appId: this.appId,
      partyId: this.partyId,
      filter: this.services.filters.get(this.envId, this.appId),
      size: pageSize(),
      continuationToken,
      signal,
    });
  }
}

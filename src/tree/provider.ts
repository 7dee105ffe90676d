import * as vscode from 'vscode';
import type { Instance } from '../api';
import { errorMessage, isCancellation, isUnauthorized } from '../util/errors';
import { AppNode } from './appNode';
import { AltinnNode } from './base';
import { EnvironmentNode } from './environmentNode';
import { ErrorNode, SignInNode } from './infoNodes';
import { InstanceNode } from './instanceNode';
import { PageNode, PagesNode } from './pageNodes';
import type { TreeServices } from './services';

/** The Altinn tree. `getChildren` never throws: failures become error nodes, an expired session a "Sign in" node. */
export class AltinnTreeProvider implements vscode.TreeDataProvider<AltinnNode>, vscode.Disposable {
  private roots: EnvironmentNode[] | undefined;
  /** Nodes last handed to VS Code, by id, so that commands without a node can find and refresh one. */
  private readonly known = new Map<string, AltinnNode>();
  /**
   * Children stay the same objects until their parent is refreshed: VS Code, reveal() and commands then
   * all hold the nodes that are shown. Failures are not kept, so that asking again retries.
   */
  private readonly childCache = new WeakMap<AltinnNode, AltinnNode[]>();
  private readonly changed = new vscode.EventEmitter<AltinnNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly services: TreeServices,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  getTreeItem(node: AltinnNode): vscode.TreeItem {
    const item = node.getTreeItem();
    if (node instanceof InstanceNode) {
      // A row's tooltip is the largest part of its item: VS Code asks resolveTreeItem for it on hover, so rows
      // a page brings cost less to send and keep.
      item.tooltip = undefined;
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: AltinnNode): vscode.TreeItem {
    item.tooltip ??= node.getTreeItem().tooltip;
    return item;
  }

  getParent(node: AltinnNode): AltinnNode | undefined {
    return node.parent;
  }

  async getChildren(node?: AltinnNode): Promise<AltinnNode[]> {
    if (!node) {
      return this.remember(this.rootNodes());
    }
    const cached = this.childCache.get(node);
    if (cached) {
      return cached;
    }
    const children = await this.safeChildren(node);
    if (!children.some((c) => c instanceof ErrorNode || c instanceof SignInNode)) {
      this.childCache.set(node, children);
    }
    return this.remember(children);
  }

  private remember(children: AltinnNode[]): AltinnNode[] {
    for (const child of children) {
      this.known.set(child.id, child);
    }
    return children;
  }

  /** Reloads one node (an error node reloads its parent), or the whole view when none is given. */
  async refresh(node?: AltinnNode): Promise<void> {
    // A page shows part of its app's list: refreshing it reloads the list.
    const target = node instanceof ErrorNode || node instanceof SignInNode ? node.parent : listOwner(node);
    if (!target) {
      this.roots = undefined;
      this.known.clear();
      this.services.applications.clear();
      this.changed.fire(undefined);
      return;
    }
    this.childCache.delete(target);
    try {
      await target.reload();
    } catch (err) {
      // The node keeps what it showed, so the user is told that it may be stale rather than left to trust it.
      this.log.warn(`reload of ${target.id} failed: ${errorMessage(err)}`);
      if (!isCancellation(err)) {
        void this.services.prompts.showWarningMessage(
          vscode.l10n.t('Could not refresh {0}: {1} It shows what was last loaded.', nodeLabel(target), errorMessage(err)),
        );
      }
    }
    this.changed.fire(target);
  }

  /** After a sign-in change: the environment's node, or everything when the view was empty before; returns which. */
  async refreshEnvironment(envId: string): Promise<EnvironmentNode | undefined> {
    const node = this.roots?.find((n) => n.entry.id === envId);
    await this.refresh(node);
    return node;
  }

  /** Re-renders a node and asks for its children again without reloading it (e.g. after "Load more…"). */
  fireChanged(node: AltinnNode): void {
    this.forgetListing(node);
    this.changed.fire(node);
  }

  /** Drops a node's children, and those of its page groups and pages: views of one list that its filter narrows. */
  private forgetListing(node: AltinnNode): void {
    for (const child of this.childCache.get(node) ?? []) {
      if (child instanceof PagesNode || child instanceof PageNode) {
        this.forgetListing(child);
      }
    }
    this.childCache.delete(node);
  }

  /** Refreshes every shown node of one instance, e.g. after a command changed it. */
  async refreshInstance(envId: string, instanceId: string): Promise<void> {
    const nodes = this.instanceNodes(envId, instanceId);
    await Promise.all(nodes.map((n) => this.refresh(n)));
    this.relistFilteredApps(nodes);
  }

  /** Under a filter a changed instance may no longer meet it: its app lists its children again (no reload). */
  private relistFilteredApps(nodes: InstanceNode[]): void {
    for (const app of new Set(nodes.map((n) => listOwner(n.parent)))) {
      if (app instanceof AppNode && app.filtered) {
        this.fireChanged(app);
      }
    }
  }

  /** Shows the copy of an instance Altinn answered a change with, instead of asking for it again. */
  showInstance(envId: string, instance: Instance): void {
    const nodes = this.instanceNodes(envId, instance.id);
    for (const node of nodes) {
      node.update(instance);
      this.childCache.delete(node);
      this.changed.fire(node);
    }
    this.relistFilteredApps(nodes);
  }

  instanceNodes(envId: string, instanceId: string): InstanceNode[] {
    return [...this.known.values()].filter(
      (n): n is InstanceNode => n instanceof InstanceNode && n.context.envId === envId && n.instance.id === instanceId,
    );
  }

  /** Every node the view has been given since the last full refresh. */
  knownNodes(): AltinnNode[] {
    return [...this.known.values()];
  }

  environmentNode(envId: string): EnvironmentNode | undefined {
    return this.rootNodes().find((n) => n.entry.id === envId);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /**
   * No environments, or none signed in, gives an empty view so that its welcome content (with
   * "Add Environment" and "Sign In") shows instead.
   */
  private rootNodes(): EnvironmentNode[] {
    const entries = this.services.registry.list();
    if (!entries.some((e) => this.services.auth.getIdentity(e.id))) {
      this.roots = undefined;
      return [];
    }
    this.roots ??= entries.map((entry) => new EnvironmentNode(this.services, entry));
    return this.roots;
  }

  private async safeChildren(node: AltinnNode): Promise<AltinnNode[]> {
    try {
      return await node.getChildren();
    } catch (err) {
      if (isCancellation(err)) {
        return [];
      }
      this.log.warn(`loading ${node.id} failed: ${errorMessage(err)}`);
      if (isUnauthorized(err)) {
        return [new SignInNode(node, vscode.l10n.t('session expired'))];
      }
      return [new ErrorNode(node, errorMessage(err))];
    }
  }
}

/** The app whose list a page node shows; any other node stands for itself. */
function listOwner(node: AltinnNode | undefined): AltinnNode | undefined {
  if (node instanceof PageNode) {
    return node.pages.app;
  }
  return node instanceof PagesNode ? node.app : node;
}

function nodeLabel(node: AltinnNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : (label?.label ?? node.id);
}

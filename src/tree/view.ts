import * as vscode from 'vscode';
import type { Instance } from '../api';
import { nodesToActOn, type AltinnNode } from './base';
import { InstanceNode } from './instanceNode';
import { AltinnTreeProvider } from './provider';
import type { TreeServices } from './services';

export const VIEW_ID = 'altinnExplorer';

/** An instance the extension changed or re-read; `instance` is the copy read, when there is one. */
export interface InstanceChange {
  readonly envId: string;
  readonly instanceId: string;
  readonly instance?: Instance;
}

export type DropHandler = (target: AltinnNode | undefined, data: vscode.DataTransfer, token: vscode.CancellationToken) => Promise<void> | void;

/**
 * The view and its provider. Drops are passed to a handler registered later (the data features),
 * because VS Code reads a tree's drop types once, when the view is created.
 */
export class AltinnTree implements vscode.Disposable {
  readonly provider: AltinnTreeProvider;
  readonly view: vscode.TreeView<AltinnNode>;
  private dropHandler: DropHandler | undefined;
  private readonly instanceChanged = new vscode.EventEmitter<InstanceChange>();
  /** Fired after an instance was refreshed or shown anew, whether or not the view shows it: open editors follow it. */
  readonly onDidChangeInstance = this.instanceChanged.event;
  private readonly refreshed = new vscode.EventEmitter<AltinnNode | undefined>();
  /**
   * Fired after a refresh of a node above instances (none: the whole view), not after a redraw (a page loaded, a
   * filter or setting changed what is shown): open editors below it follow the server then, and only then.
   */
  readonly onDidRefresh = this.refreshed.event;

  constructor(services: TreeServices, log: vscode.LogOutputChannel) {
    this.provider = new AltinnTreeProvider(services, log);
    const dragAndDropController: vscode.TreeDragAndDropController<AltinnNode> = {
      dragMimeTypes: [],
      dropMimeTypes: ['text/uri-list', 'files'],
      handleDrop: (target, data, token) => this.dropHandler?.(target, data, token),
    };
    this.view = vscode.window.createTreeView(VIEW_ID, {
      treeDataProvider: this.provider,
      canSelectMany: true,
      showCollapseAll: true,
      dragAndDropController,
    });
  }

  onDrop(handler: DropHandler): vscode.Disposable {
    this.dropHandler = handler;
    return new vscode.Disposable(() => {
      if (this.dropHandler === handler) {
        this.dropHandler = undefined;
      }
    });
  }

  /** Reloads a node (none: the whole view) because the server may have changed: open editors below it follow. */
  async refresh(node?: AltinnNode): Promise<void> {
    await this.provider.refresh(node);
    if (node instanceof InstanceNode) {
      this.instanceChanged.fire({ envId: node.context.envId, instanceId: node.instance.id, instance: node.instance });
    } else {
      this.refreshed.fire(node);
    }
  }

  /** Lists a node (none: the whole view) again because what it shows changed (a filter, a setting), not the server. */
  relist(node?: AltinnNode): Promise<void> {
    return this.provider.refresh(node);
  }

  /** After a sign-in change: another identity may write where the last one could not, so open editors follow. */
  async refreshEnvironment(envId: string): Promise<void> {
    this.refreshed.fire(await this.provider.refreshEnvironment(envId));
  }

  async refreshInstance(envId: string, instanceId: string): Promise<void> {
    await this.provider.refreshInstance(envId, instanceId);
    this.instanceChanged.fire({ envId, instanceId, instance: this.provider.instanceNodes(envId, instanceId)[0]?.instance });
  }

  /** Shows the instance a change returned, without a request. */
  showInstance(envId: string, instance: Instance): void {
    this.provider.showInstance(envId, instance);
    this.instanceChanged.fire({ envId, instanceId: instance.id, instance });
  }

  /** The selected nodes when a command was run on one of them, else just that node; without either, the view's selection. */
  selectionFor(node: AltinnNode | undefined, selected?: readonly AltinnNode[]): AltinnNode[] {
    const nodes = nodesToActOn(node, selected);
    return nodes.length > 0 ? nodes : [...this.view.selection];
  }

  dispose(): void {
    this.view.dispose();
    this.provider.dispose();
    this.instanceChanged.dispose();
    this.refreshed.dispose();
  }
}

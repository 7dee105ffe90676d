import * as vscode from 'vscode';
import type { Instance } from '../api';
import { nodesToActOn, type AltinnNode } from './base';
import { AltinnTreeProvider } from './provider';
import type { TreeServices } from './services';

export const VIEW_ID = 'altinnExplorer';

export type DropHandler = (target: AltinnNode | undefined, data: vscode.DataTransfer, token: vscode.CancellationToken) => Promise<void> | void;

/**
 * The view and its provider. Drops are passed to a handler registered later (the data features),
 * because VS Code reads a tree's drop types once, when the view is created.
 */
export class AltinnTree implements vscode.Disposable {
  readonly provider: AltinnTreeProvider;
  readonly view: vscode.TreeView<AltinnNode>;
  private dropHandler: DropHandler | undefined;

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

  refresh(node?: AltinnNode): Promise<void> {
    return this.provider.refresh(node);
  }

  refreshInstance(envId: string, instanceId: string): Promise<void> {
    return this.provider.refreshInstance(envId, instanceId);
  }

  /** Shows the instance a change returned, without a request. */
  showInstance(envId: string, instance: Instance): void {
    this.provider.showInstance(envId, instance);
  }

  /** The selected nodes when a command was run on one of them, else just that node; without either, the view's selection. */
  selectionFor(node: AltinnNode | undefined, selected?: readonly AltinnNode[]): AltinnNode[] {
    const nodes = nodesToActOn(node, selected);
    return nodes.length > 0 ? nodes : [...this.view.selection];
  }

  dispose(): void {
    this.view.dispose();
    this.provider.dispose();
  }
}

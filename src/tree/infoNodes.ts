import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import { AltinnNode, tags, type NodeContext } from './base';

/** A failed load. Clicking it (or its inline action) loads the parent again. */
export class ErrorNode extends AltinnNode {
  readonly context: NodeContext;
  readonly id: string;

  constructor(
    parent: AltinnNode,
    readonly message: string,
  ) {
    super(parent);
    this.context = parent.context;
    this.id = `${parent.id}/error`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = new vscode.MarkdownString(vscode.l10n.t('{0}\n\nClick to try again.', this.message));
    item.contextValue = tags('error');
    item.command = { command: CommandIds.refreshNode, title: vscode.l10n.t('Retry'), arguments: [this.parent] };
    return item;
  }
}

/** Shown instead of content when the environment has no valid session. */
export class SignInNode extends AltinnNode {
  readonly context: NodeContext;
  readonly id: string;

  constructor(parent: AltinnNode, readonly reason?: string) {
    super(parent);
    this.context = { envId: parent.context.envId };
    this.id = `${parent.id}/sign-in`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Sign in…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('sign-in');
    item.description = this.reason;
    item.contextValue = tags('signIn');
    item.command = { command: CommandIds.signIn, title: vscode.l10n.t('Sign in'), arguments: [this.context.envId] };
    return item;
  }
}

/** An empty state or hint, optionally with a command to run. */
export class MessageNode extends AltinnNode {
  readonly context: NodeContext;
  readonly id: string;

  constructor(
    parent: AltinnNode,
    readonly message: string,
    readonly command?: vscode.Command,
    readonly icon = 'info',
  ) {
    super(parent);
    this.context = parent.context;
    this.id = `${parent.id}/message:${message}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = tags('message');
    item.command = this.command;
    return item;
  }
}

/** The end of the loaded pages; clicking it fetches the next page of `app` with the continuation token. */
export class LoadMoreNode extends AltinnNode {
  readonly context: NodeContext;
  readonly id: string;

  constructor(
    parent: AltinnNode,
    readonly app: AltinnNode,
    /** The pages loaded when this node was made: a click loads the one after, once. */
    readonly afterPage: number,
  ) {
    super(parent);
    this.context = parent.context;
    this.id = `${parent.id}/load-more-${afterPage}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = tags('loadMore');
    item.command = { command: CommandIds.loadMore, title: vscode.l10n.t('Load more…'), arguments: [this] };
    return item;
  }
}

import * as vscode from 'vscode';
import type { AppId, DataElement, Instance } from '../api';

/** What a command needs to act on a node, whatever its kind. */
export interface NodeContext {
  readonly envId: string;
  readonly appId?: AppId;
  readonly instance?: Instance;
  readonly dataElement?: DataElement;
  /** The party an app user's branch belongs to. */
  readonly partyId?: string;
}

/**
 * A node of the Altinn tree. `getChildren` may throw; the provider turns failures into error or
 * sign-in nodes so that the view itself never fails.
 */
export abstract class AltinnNode {
  abstract readonly context: NodeContext;
  /** Unique in the whole tree; VS Code keeps expansion state by it. */
  abstract readonly id: string;
  constructor(readonly parent: AltinnNode | undefined) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<AltinnNode[]> | AltinnNode[] {
    return [];
  }

  /** Called by a refresh before the node is asked for its item and children again; cached state goes. */
  reload(): Promise<void> | void {}
}

/** The nodes a command run on `node` acts on: the multi-selection when the node is part of it, else the node. */
export function nodesToActOn(node: AltinnNode | undefined, selected: readonly AltinnNode[] | undefined): AltinnNode[] {
  if (selected && selected.length > 0 && (!node || selected.includes(node))) {
    return [...selected];
  }
  return node ? [node] : [];
}

/** contextValue from tags, matched in package.json with `viewItem =~ /(^|;)tag(;|$)/`. */
export function tags(...list: (string | false | undefined)[]): string {
  return list.filter((t): t is string => typeof t === 'string' && t !== '').join(';');
}


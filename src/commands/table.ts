import type { AltinnNode, LoadMoreNode } from '../tree/nodes';
import { showTokenClaims, signIn, signOut } from './auth';
import type { CommandContext } from './context';
import { deleteDataElement, openDataElement, showReadOnlyReason } from './dataActions';
import { CommandIds, type CommandId } from './ids';
import { confirmComplete, copyInstanceId, copyInstanceUrl, copyOwnerId, deleteInstances, restoreInstances, setSubstatus } from './instances';
import { processNext } from './process';
import { clearInstanceFilter, filterInstances, goToInstance, loadMore, openSettings, pinApp, pinOrg, searchInstances, unpin } from './tree';
import { showInstanceJson, showProcessHistory } from './views';
import { saveToAltinn } from '../fs/saveCommand';
import type * as vscode from 'vscode';

/**
 * Where a command shows besides the keybinding: the Command Palette, the view's title bar, the context
 * menu (or inline buttons) of tree items. package.json's `menus` must say the same (the activation test checks).
 */
export type Placement = 'palette' | 'viewTitle' | 'item';

export interface CommandSpec {
  readonly id: CommandId;
  /** The title's key in package.nls*.json, as package.json names it (`%command.refresh.title%`). */
  readonly title: string;
  readonly shows: readonly Placement[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments come from menus, the palette and other extensions
  readonly run: (ctx: CommandContext, ...args: any[]) => unknown;
}

/** A node and, from a multi-selection, all selected nodes: what VS Code passes to a tree item's command. */
type Selection = [node?: AltinnNode, selected?: AltinnNode[]];

/**
 * Every command of the extension: registered from this table (extension.ts) and checked against package.json.
 * A handler behind `import()` is a lazy bundle (esbuild-lazy.js): its code is read the first time it runs.
 */
export const COMMANDS: readonly CommandSpec[] = [
  { id: CommandIds.refresh, title: '%command.refresh.title%', shows: ['palette', 'viewTitle'], run: (ctx) => ctx.tree.refresh() },
  { id: CommandIds.refreshNode, title: '%command.refreshNode.title%', shows: ['item'], run: (ctx, node?: AltinnNode) => ctx.tree.refresh(node) },
  { id: CommandIds.loadMore, title: '%command.loadMore.title%', shows: [], run: (ctx, node: LoadMoreNode) => loadMore(ctx, node) },
  { id: CommandIds.addEnvironment, title: '%command.addEnvironment.title%', shows: ['palette', 'viewTitle'], run: (ctx) => import('./environments').then((m) => m.addEnvironment(ctx)) },
  { id: CommandIds.removeEnvironment, title: '%command.removeEnvironment.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, node?: AltinnNode) => import('./environments').then((m) => m.removeEnvironment(ctx, node)) },
  { id: CommandIds.signIn, title: '%command.signIn.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, arg?: unknown) => signIn(ctx, arg) },
  { id: CommandIds.signOut, title: '%command.signOut.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, arg?: unknown) => signOut(ctx, arg) },
  { id: CommandIds.showTokenClaims, title: '%command.showTokenClaims.title%', shows: ['palette', 'item'], run: (ctx, arg?: unknown) => showTokenClaims(ctx, arg) },
  { id: CommandIds.pinApp, title: '%command.pinApp.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, node?: AltinnNode) => pinApp(ctx, node) },
  { id: CommandIds.pinOrg, title: '%command.pinOrg.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, node?: AltinnNode) => pinOrg(ctx, node) },
  { id: CommandIds.unpin, title: '%command.unpin.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => unpin(ctx, node) },
  { id: CommandIds.filterInstances, title: '%command.filterInstances.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => filterInstances(ctx, node) },
  { id: CommandIds.searchInstances, title: '%command.searchInstances.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => searchInstances(ctx, node) },
  { id: CommandIds.clearInstanceFilter, title: '%command.clearInstanceFilter.title%', shows: ['item'], run: (ctx, node?: AltinnNode) => clearInstanceFilter(ctx, node) },
  { id: CommandIds.goToInstance, title: '%command.goToInstance.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, node?: AltinnNode) => goToInstance(ctx, node) },
  { id: CommandIds.createInstance, title: '%command.createInstance.title%', shows: ['palette', 'viewTitle', 'item'], run: (ctx, node?: AltinnNode) => import('./createInstance').then((m) => m.createInstance(ctx, node)) },
  { id: CommandIds.processNext, title: '%command.processNext.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => processNext(ctx, node) },
  { id: CommandIds.confirmComplete, title: '%command.confirmComplete.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => confirmComplete(ctx, ...s) },
  { id: CommandIds.setSubstatus, title: '%command.setSubstatus.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => setSubstatus(ctx, node) },
  { id: CommandIds.deleteInstance, title: '%command.deleteInstance.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => deleteInstances(ctx, ...s) },
  { id: CommandIds.restoreInstance, title: '%command.restoreInstance.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => restoreInstances(ctx, ...s) },
  { id: CommandIds.copyInstanceId, title: '%command.copyInstanceId.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => copyInstanceId(ctx, ...s) },
  { id: CommandIds.copyInstanceUrl, title: '%command.copyInstanceUrl.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => copyInstanceUrl(ctx, ...s) },
  { id: CommandIds.copyOwnerId, title: '%command.copyOwnerId.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => copyOwnerId(ctx, ...s) },
  { id: CommandIds.showInstanceJson, title: '%command.showInstanceJson.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => showInstanceJson(ctx, node) },
  { id: CommandIds.showInstanceOverview, title: '%command.showInstanceOverview.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => import('../overview/command').then((m) => m.showInstanceOverview(ctx, node)) },
  { id: CommandIds.showProcessHistory, title: '%command.showProcessHistory.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode) => showProcessHistory(ctx, node) },
  { id: CommandIds.openSettings, title: '%command.openSettings.title%', shows: ['palette', 'viewTitle'], run: () => openSettings() },
  { id: CommandIds.openDataElement, title: '%command.openDataElement.title%', shows: ['item'], run: (ctx, node?: AltinnNode) => openDataElement(ctx, node) },
  { id: CommandIds.uploadAttachment, title: '%command.uploadAttachment.title%', shows: ['palette', 'item'], run: (ctx, node?: AltinnNode, files?: unknown) => import('./transfers').then((m) => m.uploadToInstance(ctx, node, files)) },
  { id: CommandIds.downloadDataElement, title: '%command.downloadDataElement.title%', shows: ['item'], run: (ctx, ...s: Selection) => import('./transfers').then((m) => m.downloadDataElements(ctx, ...s)) },
  { id: CommandIds.downloadInstanceData, title: '%command.downloadInstanceData.title%', shows: ['palette', 'item'], run: (ctx, ...s: Selection) => import('./transfers').then((m) => m.downloadInstanceData(ctx, ...s)) },
  { id: CommandIds.deleteDataElement, title: '%command.deleteDataElement.title%', shows: ['item'], run: (ctx, node?: AltinnNode) => deleteDataElement(ctx, node) },
  { id: CommandIds.showReadOnlyReason, title: '%command.showReadOnlyReason.title%', shows: ['item'], run: (ctx, node?: AltinnNode) => showReadOnlyReason(ctx, node) },
  { id: CommandIds.saveToAltinn, title: '%command.saveToAltinn.title%', shows: ['palette'], run: (ctx, uri?: vscode.Uri) => saveToAltinn(ctx.data.fileSystem, uri) },
];

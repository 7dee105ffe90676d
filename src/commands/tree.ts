import * as vscode from 'vscode';
import { formatAppId, parseAppId, type Instance } from '../api';
import { AltinnNode, AppNode, LoadMoreNode, OrgNode, PartyNode } from '../tree/nodes';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import { pickText } from '../util/language';
import type { CommandContext } from './context';

// Commands about the view itself: refresh, paging, filters, pins, going to an instance.

export async function clearInstanceFilter(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  await deps.services.filters.set(envId, await deps.targets.app(envId, node), {});
  await deps.tree.relist(node instanceof AppNode ? node : undefined);
}

export function openSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', '@ext:altinn-explorer.altinn-explorer');
}

export async function loadMore(deps: CommandContext, node: LoadMoreNode): Promise<void> {
  const app = node.app;
  if (!(app instanceof AppNode)) {
    return;
  }
  const changed = await withProgress(vscode.l10n.t('Loading more instances…'), (signal) => app.loadMore(node.afterPage, signal));
  // Only the node that got the new page is fired (the pages node, or the app for the second page): VS Code
  // then asks again for its children alone, not for every row already shown.
  if (changed) {
    deps.tree.provider.fireChanged(changed);
  }
}

export async function filterInstances(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  const appId = await deps.targets.app(envId, node);
  const current = deps.services.filters.get(envId, appId);
  const { askFilter } = await import('./queryDialogs');
  const filter = await askFilter(deps.prompts, deps.registry.client(envId), formatAppId(appId), current);
  await deps.services.filters.set(envId, appId, filter);
  await deps.tree.relist(node instanceof AppNode ? node : undefined);
}

/** The multi-step search; its result is kept as the app's filter, like one set part by part. */
export async function searchInstances(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  const appId = await deps.targets.app(envId, node);
  // Without an app node (the palette), the search is for the signed-in identity as the tree shows it.
  const asOrg = node instanceof AppNode ? node.asOrg : deps.auth.getIdentity(envId)?.kind === 'org';
  const scope = { appId: formatAppId(appId), asOrg, strict: !deps.registry.get(envId)?.environment?.usesTestData };
  // The search dialog is a lazy bundle (esbuild-lazy.js): read the first time someone searches.
  const { askSearch } = await import('./queryDialogs');
  const filter = await askSearch(deps.prompts, deps.registry.client(envId), scope, deps.services.filters.get(envId, appId));
  await deps.services.filters.set(envId, appId, filter);
  await deps.tree.relist(node instanceof AppNode ? node : undefined);
}

/**
 * Shows an instance named by id, guid, short id or URL first under its app, in the app owner's org branch or
 * the app user's party branch, opening the branches on the way.
 */
export async function goToInstance(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  const text = await deps.targets.askInstanceText(vscode.l10n.t('Go to instance'));
  const instance = await deps.targets.named(envId, text, node?.context.appId);
  const appNode = node instanceof AppNode && formatAppId(node.appId) === instance.appId ? node : await revealAppNode(deps, envId, instance);
  if (!appNode) {
    throw new Error(vscode.l10n.t('Found instance {0}, but its app {1} is not in the tree. Pin the app first.', instance.id, instance.appId));
  }
  await deps.targets.remember({ envId, instance });
  const instanceNode = appNode.addVisited(instance);
  deps.tree.provider.fireChanged(appNode);
  await deps.tree.view.reveal(instanceNode, { select: true, focus: true, expand: true });
}

/** The app's node under its org (app owner) or under the instance owner's party (app user). */
async function revealAppNode(deps: CommandContext, envId: string, instance: Instance): Promise<AppNode | undefined> {
  const provider = deps.tree.provider;
  const env = provider.environmentNode(envId);
  if (!env) {
    return undefined;
  }
  const org = instance.appId.split('/')[0];
  const branch = (await provider.getChildren(env)).find(
    (child) => (child instanceof OrgNode && child.org === org) || (child instanceof PartyNode && child.context.partyId === instance.instanceOwner.partyId),
  );
  const apps = branch ? await provider.getChildren(branch) : [];
  return apps.find((a): a is AppNode => a instanceof AppNode && formatAppId(a.appId) === instance.appId);
}

export async function pinApp(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  if (node instanceof AppNode) {
    await deps.services.pins.pinApp(envId, node.appId);
    return;
  }
  const org = node instanceof OrgNode ? node.org : undefined;
  const apps = await withProgress(vscode.l10n.t('Loading apps…'), () => deps.services.applications.list(envId));
  const items = apps
    .filter((a) => !org || a.org === org)
    .filter((a) => !deps.services.pins.isAppPinned(envId, parseAppId(a.id)))
    .map((a) => ({ label: a.id, description: pickText(a.title), id: a.id }));
  const picked = await deps.prompts.showQuickPickMany(items, { title: vscode.l10n.t('Pin app'), matchOnDescription: true });
  for (const item of required(picked)) {
    await deps.services.pins.pinApp(envId, parseAppId(item.id));
  }
}

export async function pinOrg(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  if (node instanceof OrgNode) {
    await deps.services.pins.pinOrg(envId, node.org);
    return;
  }
  const apps = await withProgress(vscode.l10n.t('Loading apps…'), () => deps.services.applications.list(envId));
  const orgs = [...new Set(apps.map((a) => a.org))].filter((o) => !deps.services.pins.isOrgPinned(envId, o)).sort();
  const picked = required(await deps.prompts.showQuickPick(orgs.map((label) => ({ label })), { title: vscode.l10n.t('Pin organisation') })).label;
  await deps.services.pins.pinOrg(envId, picked);
}

export async function unpin(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  if (node instanceof AppNode) {
    await deps.services.pins.unpinApp(envId, node.appId);
  } else if (node instanceof OrgNode) {
    await deps.services.pins.unpinOrg(envId, node.org);
  } else {
    const items = [
      ...deps.services.pins.pinnedApps(envId).map((a) => ({ label: formatAppId(a), app: a, org: undefined })),
      ...deps.services.pins.pinnedOrgs(envId).map((o) => ({ label: o, description: vscode.l10n.t('organisation'), app: undefined, org: o })),
    ];
    const picked = required(await deps.prompts.showQuickPick(items, { title: vscode.l10n.t('Unpin') }));
    await (picked.app ? deps.services.pins.unpinApp(envId, picked.app) : deps.services.pins.unpinOrg(envId, picked.org ?? ''));
  }
}

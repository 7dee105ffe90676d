import * as vscode from 'vscode';
import { formatAppId, parseAppId } from '../api';
import { AltinnNode, AppNode, LoadMoreNode, OrgNode } from '../tree/nodes';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { CommandContext } from './context';
import { askFilter } from './filterDialogs';
import { askSearch } from './searchDialog';
import { instanceIdFromText } from './targets';

// Commands about the view itself: refresh, paging, filters, pins, going to an instance.

export async function clearInstanceFilter(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  await deps.services.filters.set(envId, await deps.targets.app(envId, node), {});
  await deps.tree.refresh(node instanceof AppNode ? node : undefined);
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
  const filter = await askFilter(deps.prompts, deps.registry.client(envId), formatAppId(appId), current);
  await deps.services.filters.set(envId, appId, filter);
  await deps.tree.refresh(node instanceof AppNode ? node : undefined);
}

/** The multi-step search; its result is kept as the app's filter, like one set part by part. */
export async function searchInstances(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  const appId = await deps.targets.app(envId, node);
  // Without an app node (the palette), the search is for the signed-in identity as the tree shows it.
  const asOrg = node instanceof AppNode ? node.asOrg : deps.auth.getIdentity(envId)?.kind === 'org';
  const scope = { appId: formatAppId(appId), asOrg, strict: !deps.registry.get(envId)?.environment?.usesTestData };
  const filter = await askSearch(deps.prompts, deps.registry.client(envId), scope, deps.services.filters.get(envId, appId));
  await deps.services.filters.set(envId, appId, filter);
  await deps.tree.refresh(node instanceof AppNode ? node : undefined);
}

export async function goToInstance(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const envId = await deps.targets.environment(node);
  const text = required(
    await deps.prompts.showInputBox({
      title: vscode.l10n.t('Go to instance'),
      prompt: vscode.l10n.t('Instance id as partyId/guid, or an instance URL'),
      validateInput: (v) => (instanceIdFromText(v) ? undefined : vscode.l10n.t('Expected partyId/guid, like 501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e')),
    }),
  );
  const id = instanceIdFromText(text) ?? text;
  const appId = node?.context.appId ?? appIdFromUrl(text) ?? (await deps.targets.app(envId, node));
  const instance = await withProgress(vscode.l10n.t('Loading instance…'), (signal) => deps.registry.client(envId).instances.get({ appId, id }, { signal }));
  const appNode = node instanceof AppNode ? node : await revealAppNode(deps, envId, parseAppId(instance.appId));
  if (!appNode) {
    throw new Error(vscode.l10n.t('Found instance {0}, but its app {1} is not in the tree. Pin the app first.', instance.id, instance.appId));
  }
  const instanceNode = appNode.addVisited(instance);
  deps.tree.provider.fireChanged(appNode);
  await deps.tree.view.reveal(instanceNode, { select: true, focus: true, expand: true });
}

function appIdFromUrl(text: string): string | undefined {
  const match = /\/([a-z0-9]{2,30})\/([a-z0-9][a-z0-9_-]*)\/instances\//.exec(text);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

async function revealAppNode(deps: CommandContext, envId: string, appId: { org: string; app: string }): Promise<AppNode | undefined> {
  const env = deps.tree.provider.environmentNode(envId);
  if (!env) {
    return undefined;
  }
  for (const child of await deps.tree.provider.getChildren(env)) {
    if (child instanceof OrgNode && child.org === appId.org) {
      const apps = await deps.tree.provider.getChildren(child);
      return apps.find((a): a is AppNode => a instanceof AppNode && formatAppId(a.appId) === formatAppId(appId));
    }
  }
  return undefined;
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
    .map((a) => ({ label: a.id, description: a.title?.nb ?? a.title?.en, id: a.id }));
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

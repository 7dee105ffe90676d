import * as vscode from 'vscode';
import { formatAppId, parseAppId, parseInstanceId, type AppId } from '../api';
import type { InstanceTarget } from '../fs/dataTargets';
import { AltinnNode, AppNode, InstanceNode } from '../tree/nodes';
import { pickText } from '../util/language';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { CommandDeps } from './deps';

export type { InstanceTarget };

/** The environment of the node, or the one the user picks (only signed-in ones; no prompt if there is one). */
export async function resolveEnvironment(deps: CommandDeps, node?: AltinnNode | string): Promise<string> {
  if (typeof node === 'string') {
    return node;
  }
  if (node?.context.envId) {
    return node.context.envId;
  }
  const usable = deps.registry.list().filter((e) => e.environment);
  const signedIn = usable.filter((e) => deps.auth.getIdentity(e.id));
  const candidates = signedIn.length > 0 ? signedIn : usable;
  if (candidates.length === 0) {
    throw new Error(vscode.l10n.t('No Altinn environment is configured. Run "Altinn: Add Environment…" first.'));
  }
  if (candidates.length === 1) {
    return candidates[0].id;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((e) => ({ label: e.setting.name, description: e.setting.kind, id: e.id })),
    { title: vscode.l10n.t('Altinn environment') },
  );
  return required(picked).id;
}

/** The app of the node, or one the user picks from the environment's applications. */
export async function resolveApp(deps: CommandDeps, envId: string, node?: AltinnNode): Promise<AppId> {
  if (node?.context.appId) {
    return node.context.appId;
  }
  const identity = deps.auth.getIdentity(envId);
  const apps = await withProgress(vscode.l10n.t('Loading apps…'), () => deps.services.applications.list(envId));
  const ownOrg = identity?.kind === 'org' ? identity.org : undefined;
  const items = apps
    .map((a) => ({ label: pickText(a.title) ?? a.id, description: a.id, id: a.id, own: a.org === ownOrg }))
    .sort((a, b) => Number(b.own) - Number(a.own) || a.id.localeCompare(b.id));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('App'), matchOnDescription: true });
  return parseAppId(required(picked).id);
}

/** The instance of the node, or one the user names by id (fetched so that the command sees its state). */
export async function resolveInstance(deps: CommandDeps, node?: AltinnNode): Promise<InstanceTarget> {
  const instance = node?.context.instance;
  if (node && instance && node.context.appId) {
    return { envId: node.context.envId, appId: node.context.appId, instance, node: node instanceof InstanceNode ? node : undefined };
  }
  const envId = await resolveEnvironment(deps, node);
  const appId = await resolveApp(deps, envId, node);
  const id = required(
    await vscode.window.showInputBox({
      title: vscode.l10n.t('Instance in {0}', formatAppId(appId)),
      prompt: vscode.l10n.t('Instance id as partyId/guid, or an instance URL'),
      placeHolder: '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e',
      validateInput: (v) => (instanceIdFromText(v) ? undefined : vscode.l10n.t('Expected partyId/guid, like 501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e')),
    }),
  );
  const fetched = await withProgress(vscode.l10n.t('Loading instance…'), (signal) =>
    deps.registry.client(envId).instances.get({ appId, id: instanceIdFromText(id) ?? id }, { signal }),
  );
  return { envId, appId, instance: fetched };
}

/** All instances a command should act on: the multi-selection when the node is part of it. */
export function selectedInstances(deps: CommandDeps, node?: AltinnNode, selected?: readonly AltinnNode[]): InstanceTarget[] {
  return deps.tree
    .selectionFor(node, selected)
    .filter((n): n is InstanceNode => n instanceof InstanceNode)
    .map((n) => ({ envId: n.context.envId, appId: n.context.appId as AppId, instance: n.instance, node: n }));
}

/** Accepts `partyId/guid` or any URL containing `/instances/{partyId}/{guid}`. */
export function instanceIdFromText(text: string): string | undefined {
  const match = /(\d+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  try {
    parseInstanceId(`${match[1]}/${match[2]}`);
    return `${match[1]}/${match[2].toLowerCase()}`;
  } catch {
    return undefined;
  }
}

/** Finds the app node a target belongs to among the nodes the view has shown. */
export function appNodeFor(deps: CommandDeps, envId: string, appId: AppId): AppNode | undefined {
  return deps.tree.provider
    .knownNodes()
    .find((n): n is AppNode => n instanceof AppNode && n.envId === envId && formatAppId(n.appId) === formatAppId(appId));
}

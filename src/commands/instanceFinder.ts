// Finds the instance a text names (src/api/instance-text.ts): a whole id is read from Storage; a guid or
// the start of one is looked up among the instances the extension knows (shown in the tree, recent, open
// in editors), then a whole guid is read by Storage's GetByGuid, and an app user's parties are searched.
import * as vscode from 'vscode';
import { AltinnApiError, formatAppId, formatInstanceId, matchesGuid, namedPart, type AppId, type Instance, type InstanceFilter, type InstanceText } from '../api';
import { ALTINN_SCHEME, parseDataUri } from '../fs/dataUri';
import { instanceDescription, instanceIcon, instanceLabel, maskOwnerIds } from '../tree/instancePresentation';
import { InstanceNode } from '../tree/nodes';
import type { AuthView } from '../tree/services';
import type { AltinnTree } from '../tree/view';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { Prompts } from '../util/prompts';
import type { RecentInstances } from './recentInstances';
import type { EnvironmentRegistry } from '../environments/registry';

/** An instance the extension knows of; `instance` is the last copy it saw, if it saw one. */
export interface KnownInstance {
  readonly instanceId: string;
  readonly appId: string;
  readonly instance?: Instance;
  /** When the user last worked on it; open instances without one are listed first. */
  readonly at?: number;
  readonly open?: boolean;
}

export interface FinderDeps {
  readonly registry: EnvironmentRegistry;
  readonly auth: Pick<AuthView, 'getIdentity'>;
  readonly tree: Pick<AltinnTree, 'provider'>;
  readonly recent: RecentInstances;
  readonly prompts: Prompts;
}

/** How many of one party's instances a search for a guid start reads, at most. */
const PARTY_SEARCH_LIMIT = 2000;

/** Instances with `altinn:` editors open in the environment. */
export function openInstances(envId: string): KnownInstance[] {
  const found = new Map<string, KnownInstance>();
  for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) {
    const input = tab.input;
    const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
    if (uri?.scheme !== ALTINN_SCHEME) {
      continue;
    }
    try {
      const ref = parseDataUri(uri);
      const instanceId = formatInstanceId(ref.instanceId);
      if (ref.envId === envId) {
        found.set(instanceId, { instanceId, appId: formatAppId(ref.appId), open: true });
      }
    } catch {
      // Not an editor of ours.
    }
  }
  return [...found.values()];
}

/** Recent and open instances, newest first (open ones never worked on in this window first), each once. */
export function recentAndOpen(deps: Pick<FinderDeps, 'recent'>, envId: string, appId?: AppId): KnownInstance[] {
  const open = openInstances(envId);
  const openIds = new Set(open.map((o) => o.instanceId));
  const recent = deps.recent.list(envId).map((r) => ({ instanceId: r.instance.id, appId: r.instance.appId, instance: r.instance, at: r.at, open: openIds.has(r.instance.id) }));
  const recentIds = new Set(recent.map((r) => r.instanceId));
  const all = [...open.filter((o) => !recentIds.has(o.instanceId)), ...recent];
  return appId ? all.filter((k) => k.appId === formatAppId(appId)) : all;
}

/** Everything known in the environment: recent and open, then the tree's instance nodes. */
function knownInstances(deps: FinderDeps, envId: string): KnownInstance[] {
  const known = new Map(recentAndOpen(deps, envId).map((k) => [k.instanceId, k]));
  for (const node of deps.tree.provider.knownNodes()) {
    if (node instanceof InstanceNode && node.context.envId === envId && !known.has(node.instance.id)) {
      known.set(node.instance.id, { instanceId: node.instance.id, appId: node.instance.appId, instance: node.instance });
    }
  }
  return [...known.values()];
}

/** A pick row that reads like the tree's row of the instance. */
export function knownItem(known: KnownInstance): vscode.QuickPickItem & { known: KnownInstance } {
  const guid = known.instanceId.split('/')[1] ?? known.instanceId;
  const where = known.open ? vscode.l10n.t('{0} · {1} · open in an editor', known.appId, known.instanceId) : `${known.appId} · ${known.instanceId}`;
  if (!known.instance) {
    return { label: guid.slice(0, 8), detail: where, iconPath: new vscode.ThemeIcon('file'), known };
  }
  return { label: instanceLabel(known.instance), description: instanceDescription(known.instance, { maskOwnerIds: maskOwnerIds() }), detail: where, iconPath: instanceIcon(known.instance), known };
}

/** The instance the text names, read fresh from Storage. */
export async function findInstance(deps: FinderDeps, envId: string, named: InstanceText, appHint?: AppId): Promise<Instance> {
  if (named.kind === 'id') {
    return read(deps, envId, named.instanceId);
  }
  const matches = knownInstances(deps, envId).filter((k) => matchesGuid(k.instanceId, named));
  if (matches.length > 0) {
    return read(deps, envId, (await choose(deps, named, matches)).instanceId);
  }
  const found = await withProgress(vscode.l10n.t('Looking for instance {0}…', namedPart(named)), (signal) => lookUp(deps, envId, named, appHint, signal));
  if (found.length === 0) {
    throw new Error(notFoundText(deps, envId, named));
  }
  // The search reads no data elements: the chosen one is read whole.
  const chosen = await choose(deps, named, found.map((i) => ({ instanceId: i.id, appId: i.appId, instance: i })));
  return read(deps, envId, chosen.instanceId);
}

async function read(deps: FinderDeps, envId: string, instanceId: string): Promise<Instance> {
  return withProgress(vscode.l10n.t('Loading instance…'), (signal) => deps.registry.client(envId).instances.get(instanceId, { signal }));
}

/** One match is the answer; several are put to the user, never guessed between. */
async function choose(deps: FinderDeps, named: InstanceText, matches: KnownInstance[]): Promise<KnownInstance> {
  if (matches.length === 1) {
    return matches[0];
  }
  const picked = await deps.prompts.showQuickPick(matches.map(knownItem), {
    title: vscode.l10n.t('{0} instances have an id starting {1}', matches.length, namedPart(named)),
    matchOnDescription: true,
  });
  return required(picked).known;
}

/** A whole guid is read by Storage's GetByGuid; where that is missing (localtest: 404) or for a guid start, a search. */
async function lookUp(deps: FinderDeps, envId: string, named: InstanceText, appHint: AppId | undefined, signal: AbortSignal): Promise<Instance[]> {
  if (named.kind === 'guid') {
    try {
      return [await deps.registry.client(envId).instances.getByGuid(named.guid, { signal })];
    } catch (err) {
      if (!(err instanceof AltinnApiError && err.status === 404)) {
        throw err;
      }
    }
  }
  return search(deps, envId, named, appHint ?? (named.kind === 'guid' ? named.appId : undefined), signal);
}

/**
 * Storage has no query by instance id or by a guid's start (its `A3Ref` filter takes exactly the last 12
 * characters, and localtest, the one place without GetByGuid, does not bind it): only an app user's own
 * parties are small enough to search through, party by party.
 * Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs (docs/altinn-behaviour.md §2.1)
 */
async function search(deps: FinderDeps, envId: string, named: InstanceText, appId: AppId | undefined, signal: AbortSignal): Promise<Instance[]> {
  if (deps.auth.getIdentity(envId)?.kind !== 'user') {
    return [];
  }
  const client = deps.registry.client(envId);
  const found: Instance[] = [];
  for (const partyId of await userParties(deps, envId)) {
    const filter: InstanceFilter = { appId, instanceOwnerPartyId: partyId, includeDataElements: false, size: 500 };
    found.push(...(await collect(client.instances.iterate(filter, { signal }), named, PARTY_SEARCH_LIMIT)));
  }
  return found;
}

async function collect(instances: AsyncIterable<Instance>, named: InstanceText, limit: number): Promise<Instance[]> {
  const found: Instance[] = [];
  let read = 0;
  for await (const instance of instances) {
    if (matchesGuid(instance.id, named)) {
      found.push(instance);
    }
    if (++read >= limit) {
      break;
    }
  }
  return found;
}

/** The parties the tree lists for the user (the App API's `api/v1/parties`, docs/altinn-behaviour.md §3). */
async function userParties(deps: FinderDeps, envId: string): Promise<string[]> {
  const provider = deps.tree.provider;
  const env = provider.environmentNode(envId);
  const children = env ? await provider.getChildren(env) : [];
  return children.map((n) => n.context.partyId).filter((p): p is string => p !== undefined);
}

function notFoundText(deps: FinderDeps, envId: string, named: InstanceText): string {
  const part = namedPart(named);
  const asOrg = deps.auth.getIdentity(envId)?.kind === 'org';
  if (asOrg && named.kind === 'guid' && deps.registry.get(envId)?.environment?.kind === 'localtest') {
    return vscode.l10n.t('localtest cannot read an instance by its guid alone: enter partyId/guid, or the instance\'s URL.');
  }
  if (asOrg && named.kind === 'prefix') {
    return vscode.l10n.t(
      'No instance known with id starting {0}. Storage cannot search by the start of an id: enter the whole id (partyId/guid), the guid, or the instance\'s URL.',
      part,
    );
  }
  return named.kind === 'prefix'
    ? vscode.l10n.t('No instance known with id starting {0}, nor among the instances of the parties you may represent.', part)
    : vscode.l10n.t('No instance with id {0} that you may see.', part);
}

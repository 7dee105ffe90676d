import * as vscode from 'vscode';
import { appsInstantiableBy, parseAppId, userMayInstantiate, type AltinnClient, type AppId, type Application, type Instantiator, type RepresentedParty } from '../api';
import { isProduction } from '../environments/production';
import { pickText } from '../util/language';
import { errorMessage, required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { CommandContext } from './context';

type AppItem = vscode.QuickPickItem & { id: string };

/** Apps as quick pick items: the title by the one language rule (util/language.ts) or the id, the id beside it; the own org's apps first. */
export function appItems(apps: readonly Application[], ownOrg?: string): AppItem[] {
  return apps
    .map((a) => ({ label: pickText(a.title) ?? a.id, description: a.id, id: a.id, own: a.org === ownOrg }))
    .sort((a, b) => Number(b.own) - Number(a.own) || a.id.localeCompare(b.id))
    .map(({ own: _own, ...item }) => item);
}

/**
 * The app to create an instance of, among those the signed-in identity may instantiate (for the tree
 * branch's party when there is one): Altinn refuses the others with 403 (src/api/instantiation.ts).
 */
export async function pickAppToCreate(deps: CommandContext, envId: string, partyId?: string): Promise<AppId> {
  const { apps, unsure } = await withProgress(vscode.l10n.t('Loading apps…'), (signal) => instantiableApps(deps, envId, partyId, signal));
  if (apps.length === 0) {
    throw new Error(
      partyId
        ? vscode.l10n.t('No app in this environment lets party {0} own a new instance.', partyId)
        : vscode.l10n.t('No app in this environment lets you create instances.'),
    );
  }
  const identity = deps.auth.getIdentity(envId);
  const items = appItems(apps, identity?.kind === 'org' ? identity.org : undefined);
  const placeHolder = unsure ? vscode.l10n.t('Your parties could not be read: every app is listed, and Altinn may refuse some.') : undefined;
  const picked = await deps.prompts.showQuickPick(items, { title: vscode.l10n.t('Create an instance of'), placeHolder, matchOnDescription: true });
  return parseAppId(required(picked).id);
}

async function instantiableApps(deps: CommandContext, envId: string, partyId: string | undefined, signal: AbortSignal): Promise<{ apps: Application[]; unsure?: true }> {
  const apps = await deps.services.applications.list(envId);
  const identity = deps.auth.getIdentity(envId);
  if (identity?.kind === 'org' && identity.org) {
    return { apps: appsInstantiableBy(apps, { serviceOwner: identity.org }) };
  }
  // Altinn's prod runs apps as the Production host, where `disallowUserInstantiation` refuses callers without an org claim.
  const productionHost = isProduction(deps.registry.get(envId)?.setting);
  const client = deps.registry.client(envId);
  const parties = await representedParties(client, deps.log, [...deps.services.pins.pinnedApps(envId), ...apps.map((a) => parseAppId(a.id))], signal);
  if (!parties) {
    return { apps: apps.filter((a) => userMayInstantiate(a, productionHost)), unsure: true };
  }
  const who: Instantiator = { parties: partyId ? parties.filter((p) => String(p.partyId) === partyId) : parties, productionHost };
  return { apps: appsInstantiableBy(apps, who) };
}

/** How many apps are asked for the party list before giving up (an app Storage knows may not be running). */
const PARTY_SOURCES = 3;

/**
 * The parties the identity acts for, unfiltered: every app answers `api/v1/parties` with the same list
 * (docs/altinn-behaviour.md §3), so the first app that answers is enough. Undefined when none does.
 */
async function representedParties(client: AltinnClient, log: vscode.LogOutputChannel, candidates: readonly AppId[], signal: AbortSignal): Promise<RepresentedParty[] | undefined> {
  for (const appId of candidates.slice(0, PARTY_SOURCES)) {
    try {
      return await client.apps.parties(appId, { signal });
    } catch (err) {
      if (signal.aborted) {
        throw err;
      }
      log.warn(`Party list from ${appId.org}/${appId.app} failed: ${errorMessage(err)}`);
    }
  }
  return undefined;
}

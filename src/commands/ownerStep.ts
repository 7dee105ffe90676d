import * as vscode from 'vscode';
import { type AppId, type InstanceOwnerInput, type RepresentedParty } from '../api';
import type { AltinnNode } from '../tree/nodes';
import { errorMessage, required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { Prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { validateOwner } from './ownerInput';

type OwnerItem = vscode.QuickPickItem & { owner?: InstanceOwnerInput };

/**
 * Who owns the new instance. Someone acting for parties picks among those Altinn lets own an instance of this
 * app (App API `api/v1/parties?allowedToInstantiateFilter=true`, sub-units flattened; docs/altinn-behaviour.md §1.2),
 * the tree branch's party first. A service owner has no such list (the App API answers with the owner's own
 * party, Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/PartiesController.cs Get), so it types a number.
 * "Enter a number…" is always the last item.
 */
export async function askOwner(deps: CommandContext, envId: string, appId: AppId, node?: AltinnNode): Promise<InstanceOwnerInput> {
  const strict = !deps.registry.get(envId)?.environment?.usesTestData;
  const identity = deps.auth.getIdentity(envId);
  const branch = node?.context.partyId;
  const serviceOwner = identity?.kind === 'org' && identity.org !== undefined;
  if (serviceOwner && !branch) {
    return askOwnerNumber(deps.prompts, strict, vscode.l10n.t('Service owners have no party list in Altinn: type the owner.'));
  }
  const items: OwnerItem[] = [];
  let placeHolder: string | undefined;
  if (serviceOwner) {
    items.push({ label: vscode.l10n.t('Party {0}', branch ?? ''), description: vscode.l10n.t('this branch'), owner: { partyId: branch ?? '' } });
  } else {
    const parties = await withProgress(vscode.l10n.t('Loading parties…'), (signal) =>
      deps.registry.client(envId).apps.parties(appId, { allowedToInstantiate: true, signal }),
    ).catch((err: unknown) => {
      placeHolder = vscode.l10n.t('Could not list your parties: {0}', errorMessage(err));
      return [];
    });
    const ordered = [...parties.filter((p) => String(p.partyId) === branch), ...parties.filter((p) => String(p.partyId) !== branch)];
    items.push(...ordered.map((p) => partyItem(p, String(p.partyId) === branch)));
    if (branch && !ordered.some((p) => String(p.partyId) === branch)) {
      placeHolder ??= vscode.l10n.t('Party {0} may not own instances of this app.', branch);
    }
  }
  items.push({ label: vscode.l10n.t('Enter a number…'), description: vscode.l10n.t('person number, organisation number or party id') });
  const picked = required(await deps.prompts.showQuickPick(items, { title: vscode.l10n.t('Instance owner'), placeHolder, matchOnDescription: true }));
  return picked.owner ?? askOwnerNumber(deps.prompts, strict);
}

function partyItem(party: RepresentedParty, inBranch: boolean): OwnerItem {
  const where = party.mainUnit
    ? vscode.l10n.t('sub-unit of {0} · org. no. {1} · party {2}', party.mainUnit.name ?? String(party.mainUnit.partyId), party.orgNumber ?? '', party.partyId)
    : party.orgNumber
      ? vscode.l10n.t('org. no. {0} · party {1}', party.orgNumber, party.partyId)
      : vscode.l10n.t('party {0}', party.partyId);
  const description = inBranch ? `${vscode.l10n.t('this branch')} · ${where}` : where;
  return { label: party.name ?? String(party.partyId), description, owner: { partyId: String(party.partyId) } };
}

async function askOwnerNumber(prompts: Prompts, strict: boolean, why?: string): Promise<InstanceOwnerInput> {
  const how = vscode.l10n.t('Person number (11 digits), organisation number (9 digits) or party id.');
  const value = required(
    await prompts.showInputBox({
      title: vscode.l10n.t('Instance owner'),
      prompt: why ? `${why} ${how}` : how,
      validateInput: (v) => validateOwnerNumber(v.trim(), strict),
    }),
  );
  return ownerFromNumber(value.trim());
}

/** An owner number by its length: 11 digits a person number, 9 an organisation number, any other a party id. */
export function ownerFromNumber(value: string): InstanceOwnerInput {
  return value.length === 11 ? { personNumber: value } : value.length === 9 ? { organisationNumber: value } : { partyId: value };
}

/** Why a typed owner cannot be sent: read by its length as the search dialog reads it (searchDialog.ts). */
export function validateOwnerNumber(value: string, strict: boolean): string | undefined {
  if (!/^\d+$/.test(value)) {
    return vscode.l10n.t('Type digits only: a person number (11), an organisation number (9) or a party id.');
  }
  return validateOwner(value.length === 11 ? 'personNumber' : value.length === 9 ? 'organisationNumber' : 'party', value, strict);
}

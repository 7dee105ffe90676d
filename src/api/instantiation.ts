// Which identity may create instances of which app, decided before asking Altinn (docs/altinn-behaviour.md §1.2).
import type { Application, PartyTypesAllowed } from './app-models';
import type { Party } from './models';

const SUB_UNIT_TYPES = ['BEDR', 'AAFY'];
const BANKRUPTCY_ESTATE_TYPE = 'KBO';
const PERSON = 1;
const ORGANISATION = 2;
const SELF_IDENTIFIED = 3;

/**
 * Whether an app's `partyTypesAllowed` lets a party own a new instance. Nothing allowed means everyone is; a
 * self-identified user counts as a person; an organisation is a sub-unit when its unit type is BEDR or AAFY,
 * and a main unit otherwise (a bankruptcy estate, unit type KBO, also passes as one).
 * Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/InstantiationHelper.cs IsPartyAllowedToInstantiate
 */
export function partyMayInstantiate(party: Pick<Party, 'partyTypeName' | 'unitType'>, allowed: PartyTypesAllowed | undefined): boolean {
  if (!allowed || !(allowed.person || allowed.organisation || allowed.subUnit || allowed.bankruptcyEstate)) {
    return true;
  }
  const unitType = party.unitType?.trim();
  switch (party.partyTypeName) {
    case PERSON:
    case SELF_IDENTIFIED:
      return Boolean(allowed.person);
    case ORGANISATION: {
      const subUnit = unitType !== undefined && SUB_UNIT_TYPES.includes(unitType);
      return subUnit
        ? Boolean(allowed.subUnit)
        : Boolean(allowed.organisation) || (unitType === BANKRUPTCY_ESTATE_TYPE && Boolean(allowed.bankruptcyEstate));
    }
    default:
      return false;
  }
}

/**
 * Who creates the instance: a service owner (its org code), or someone acting for parties (a user, an
 * organisation), in an environment whose apps run as the Production host (`productionHost`: prod, not TT02).
 */
export type Instantiator =
  | { serviceOwner: string }
  | { parties: readonly Pick<Party, 'partyTypeName' | 'unitType'>[]; productionHost?: boolean };

/**
 * Whether a caller without an org claim may instantiate the app: not one with `disallowUserInstantiation` whose
 * host runs as Production (app-lib v8.3.0+; prod does, TT02 runs as Staging: docs/altinn-behaviour.md §5).
 * Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs VerifyInstantiationPermissions
 */
export function userMayInstantiate(app: Pick<Application, 'disallowUserInstantiation'>, productionHost: boolean): boolean {
  return !(productionHost && app.disallowUserInstantiation === true);
}

/**
 * The apps the instantiator may create instances of. A service owner only its own org's: the app template's
 * policy grants `instantiate` to the owning org (`urn:altinn:org` = [org]) and to end users' roles, never to
 * another org (Altinn/app-lib-dotnet test/Altinn.App.Integration.Tests/_testapps/basic/App/config/authorization/policy.xml
 * ruleid:2; the PDP check in src/Altinn.App.Api/Controllers/InstancesController.cs Post). Anyone else, the apps
 * that allow one of their parties (InstantiationHelper.FilterPartiesByAllowedPartyTypes, which
 * `api/v1/parties?allowedToInstantiateFilter=true` answers with) and do not disallow users (userMayInstantiate).
 */
export function appsInstantiableBy<T extends Pick<Application, 'org' | 'partyTypesAllowed' | 'disallowUserInstantiation'>>(apps: readonly T[], who: Instantiator): T[] {
  if ('serviceOwner' in who) {
    const org = who.serviceOwner.toLowerCase();
    return apps.filter((a) => a.org.toLowerCase() === org);
  }
  return apps.filter((a) => userMayInstantiate(a, who.productionHost === true) && who.parties.some((p) => partyMayInstantiate(p, a.partyTypesAllowed)));
}

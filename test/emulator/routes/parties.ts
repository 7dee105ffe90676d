// A user's parties (docs/altinn-behaviour.md §3): the App API's public `{org}/{app}/api/v1/parties` and the
// platform-internal `/authorization/api/v1/parties?userId=` the app reads it from.
import type { AppDef } from '../apps';
import { hasFeature } from '../app-versions';
import { principalOf } from '../auth';
import { emptyError, frameworkProblem, sendJson } from '../http';
import { validationProblem } from '../model-binding';
import { findParty, findPartyByOrgNumber, findUser, grantsOfUser, type Party, type PartyGrant } from '../parties';
import type { Ctx, Router } from '../router';
import { appOf } from './app-common';
import { partyMayInstantiate } from './app-instance-create';

/** Register's `Party` as System.Text.Json writes it (camelCase, nulls kept); `childParties` nests sub-units. */
interface PartyJson {
  partyId: number;
  partyUuid: string;
  partyTypeName: number;
  orgNumber: string | null;
  ssn: string | null;
  unitType: string | null;
  name: string;
  isDeleted: boolean;
  onlyHierarchyElementWithNoAccess: boolean;
  person: null;
  organization: null;
  childParties: PartyJson[] | null;
}

function partyJson(p: Party, noAccess = false, children: PartyJson[] | null = null): PartyJson {
  return {
    partyId: p.partyId, partyUuid: p.partyUuid, partyTypeName: p.partyTypeName, orgNumber: p.orgNumber ?? null,
    ssn: p.ssn ?? null, unitType: p.unitType ?? null, name: p.name, isDeleted: false,
    onlyHierarchyElementWithNoAccess: noAccess, person: null, organization: null, childParties: children,
  };
}

function grantJson(g: PartyGrant): PartyJson | undefined {
  const party = findParty(g.partyId);
  if (!party) return undefined;
  const children = (g.subunits ?? []).map((id) => findParty(id)).filter((c): c is Party => c !== undefined).map((c) => partyJson(c));
  return partyJson(party, g.noAccess ?? false, children.length > 0 ? children : null);
}

/** The party list Authorization keeps for a user (ALT testdata/authorization/partylist/{userId}.json). */
function partyList(userId: number): PartyJson[] {
  const user = findUser(userId);
  if (!user) return [];
  return grantsOfUser(user).map(grantJson).filter((p): p is PartyJson => p !== undefined);
}

/**
 * InstantiationHelper.FilterPartiesByAllowedPartyTypes: a party stays if it or one of its sub-units may
 * instantiate; a parent kept only for its sub-units gets `onlyHierarchyElementWithNoAccess: true`; kept parties
 * carry their allowed sub-units (an empty list when none). Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/InstantiationHelper.cs
 */
function allowedToInstantiate(app: AppDef, parties: PartyJson[]): PartyJson[] {
  const may = (p: PartyJson) => {
    const party = findParty(p.partyId);
    return party !== undefined && partyMayInstantiate(app, party);
  };
  const out: PartyJson[] = [];
  for (const party of parties) {
    const children = party.childParties?.filter(may) ?? [];
    const self = may(party);
    if (!self && children.length === 0) continue;
    out.push({ ...party, childParties: children, onlyHierarchyElementWithNoAccess: self ? party.onlyHierarchyElementWithNoAccess : true });
  }
  return out;
}

/**
 * PartySsnMasking.MaskParties: a copy of each party, sub-units included, with the SSN cut to its first six
 * digits (the birth date) and the rest as `*`; a value of six or fewer characters is all `*`, null or empty
 * stays. Altinn/app-lib-dotnet src/Altinn.App.Api/Helpers/PartySsnMasking.cs,
 * src/Altinn.App.Core/Extensions/NationalIdentityNumberExtensions.cs Mask (v8.12.5+; docs/altinn-behaviour.md §1.2)
 */
function maskSsn(parties: PartyJson[]): PartyJson[] {
  const mask = (ssn: string | null) => (!ssn ? ssn : ssn.length <= 6 ? '*'.repeat(ssn.length) : ssn.slice(0, 6) + '*'.repeat(ssn.length - 6));
  return parties.map((p) => ({ ...p, ssn: mask(p.ssn), childParties: p.childParties === null ? null : maskSsn(p.childParties) }));
}

/** `[FromQuery] bool`: absent is false; a value that is not a bool is [ApiController]'s automatic 400. */
function queryBool(ctx: Ctx, name: string): boolean {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return false;
  if (/^\s*true\s*$/i.test(raw)) return true;
  if (/^\s*false\s*$/i.test(raw)) return false;
  throw validationProblem({ [name]: [`The value '${raw}' is not valid.`] });
}

/**
 * `GET {org}/{app}/api/v1/parties?allowedToInstantiateFilter=` (Altinn/app-lib-dotnet
 * src/Altinn.App.Api/Controllers/PartiesController.cs Get, Authenticated.User.LoadDetails, v8.x): a user gets
 * their party list (their own party when the list is empty), filtered by the app's partyTypesAllowed on request;
 * a service owner or organisation gets its own party only. SSNs are masked from v8.12.5 (PartySsnMasking), so
 * only apps on an older app-lib (ttd/income-report) show them whole.
 */
function appParties(ctx: Ctx): void {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  const filter = queryBool(ctx, 'allowedToInstantiateFilter');
  const send = (parties: PartyJson[]) => sendJson(ctx.res, 200, hasFeature(app, 'partySsnMasking') ? maskSsn(parties) : parties);
  if (p.kind !== 'user') {
    const own = findPartyByOrgNumber(p.orgNumber);
    // Authenticated.ServiceOwner/Org.LoadDetails: a party lookup that fails is an unhandled exception.
    if (!own) throw emptyError(500);
    return send([partyJson(own)]);
  }
  let parties = partyList(p.userId);
  if (parties.length === 0) {
    const own = findParty(p.partyId);
    parties = own ? [partyJson(own)] : [];
  }
  send(filter ? allowedToInstantiate(app, parties) : parties);
}

/**
 * `GET /authorization/api/v1/parties?userId=` (Altinn/altinn-authorization src/Authorization/Controllers/
 * PartiesController.cs GetPartyList): platform-internal, not routed by localtest's nginx. userId 0 or missing
 * and an empty list are a 404; another user's id is a 403 (Forbid: no body); sub-units nest in `childParties`.
 */
function platformParties(ctx: Ctx): void {
  const p = principalOf(ctx);
  const raw = ctx.query.get('userId');
  const userId = raw === null || raw.trim() === '' ? 0 : Number(raw.trim());
  if (!Number.isInteger(userId) || Math.abs(userId) > 2147483647) {
    throw validationProblem({ userId: [`The value '${raw}' is not valid.`] });
  }
  if (userId === 0) throw frameworkProblem(404, 'Not Found');
  if (p.kind !== 'user' || p.userId !== userId) throw emptyError(403);
  const parties = partyList(userId);
  if (parties.length === 0) throw frameworkProblem(404, 'Not Found');
  sendJson(ctx.res, 200, parties);
}

export function registerParties(router: Router): void {
  router.get('/:org/:app/api/v1/parties', appParties, { app: true });
  router.get('/authorization/api/v1/parties', platformParties);
}

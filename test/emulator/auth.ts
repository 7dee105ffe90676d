import { emptyError, textError } from './http';
import type { Claims } from './jwt';
import { findUser, partiesOfUser } from './parties';
import type { Ctx } from './router';
import type { Instance, InstanceRecord } from './types';

/** Issuer of every token the emulator's "Altinn" hands out; external (Maskinporten/ID-porten) tokens differ. */
export const ALTINN_ISSUER = 'altinn-emulator';
export const MASKINPORTEN_ISSUER = 'maskinporten-emulator';
export const IDPORTEN_ISSUER = 'idporten-emulator';

export const SCOPE_READ = 'altinn:serviceowner/instances.read';
export const SCOPE_WRITE = 'altinn:serviceowner/instances.write';

export type Principal =
  | { kind: 'user'; userId: number; partyId: number; authLevel: number; scopes: string[]; parties: number[]; claims: Claims }
  | { kind: 'org'; org: string; orgNumber: string; authLevel: number; scopes: string[]; claims: Claims }
  | { kind: 'enterprise'; orgNumber: string; authLevel: number; scopes: string[]; claims: Claims };

/** Storage reads scopes from `scope` and `urn:altinn:scope` (docs/altinn-behaviour.md §3). */
export function scopesOf(claims: Claims): string[] {
  const out: string[] = [];
  for (const k of ['scope', 'urn:altinn:scope']) {
    const v = claims[k];
    if (typeof v === 'string') out.push(...v.split(/\s+/).filter(Boolean));
  }
  return out;
}

export function principalFromClaims(claims: Claims): Principal | undefined {
  if (claims.iss !== ALTINN_ISSUER) return undefined;
  const authLevel = Number(claims['urn:altinn:authlevel'] ?? 0);
  const scopes = scopesOf(claims);
  const org = claims['urn:altinn:org'];
  const orgNumber = claims['urn:altinn:orgNumber'];
  if (typeof org === 'string' && org) {
    return { kind: 'org', org, orgNumber: String(orgNumber ?? ''), authLevel, scopes, claims };
  }
  const userId = Number(claims['urn:altinn:userid']);
  if (Number.isInteger(userId) && userId > 0) {
    const partyId = Number(claims['urn:altinn:partyid']);
    const user = findUser(userId);
    const parties = user ? partiesOfUser(user) : [partyId];
    return { kind: 'user', userId, partyId, authLevel, scopes, parties, claims };
  }
  if (typeof orgNumber === 'string' && orgNumber) {
    return { kind: 'enterprise', orgNumber, authLevel, scopes, claims };
  }
  return undefined;
}

/** Principals by the (cached, identity-stable) claims object of a verified token. */
const principals = new WeakMap<Claims, Principal>();

/** Bearer token or the `AltinnStudioRuntime` cookie; 401 with an empty body otherwise (docs/altinn-behaviour.md §7). */
export function authenticate(ctx: Ctx): Principal {
  const bearer = bearerToken(ctx);
  const token = bearer ?? cookieToken(ctx);
  if (!token) throw emptyError(401);
  if (!bearer && !SAFE_METHODS.has(ctx.method)) requireAntiforgery(ctx);
  const claims = ctx.svc.signer.verify(token);
  if (!claims) throw emptyError(401);
  let principal = principals.get(claims);
  if (!principal) {
    principal = principalFromClaims(claims);
    if (!principal) throw emptyError(401);
    principals.set(claims, principal);
  }
  return principal;
}

export function bearerToken(ctx: Ctx): string | undefined {
  const h = ctx.req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1] : undefined;
}

function cookieValue(ctx: Ctx, name: string): string | undefined {
  const cookie = ctx.req.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function cookieToken(ctx: Ctx): string | undefined {
  return cookieValue(ctx, 'AltinnStudioRuntime');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Unsafe verbs authenticated by cookie need `X-XSRF-TOKEN` matching the `AS-XSRF-TOKEN` cookie (docs/altinn-behaviour.md §1). */
function requireAntiforgery(ctx: Ctx): void {
  const header = ctx.req.headers['x-xsrf-token'];
  const cookie = cookieValue(ctx, 'AS-XSRF-TOKEN');
  if (typeof header !== 'string' || !cookie || header !== cookie) throw emptyError(400);
}

export function principalOf(ctx: Ctx): Principal {
  if (!ctx.principal) ctx.principal = authenticate(ctx);
  return ctx.principal;
}

/** Service-owner tokens need `instances.read` / `.write` (docs/altinn-behaviour.md §2.1, §3). */
export function requireOrgScope(p: Principal, write: boolean): void {
  if (p.kind !== 'org') return;
  const needed = write ? SCOPE_WRITE : SCOPE_READ;
  if (!p.scopes.includes(needed)) throw emptyError(403);
}

/** The id Storage records as `createdBy` / `lastChangedBy`: the user id, or the org number of an org. */
export function actorId(p: Principal): string {
  return p.kind === 'user' ? String(p.userId) : p.orgNumber;
}

/** The caller is the org that owns the instance's app (`User.GetOrg() == instance.Org`). */
export function isOwnerOrg(p: Principal, rec: InstanceRecord): boolean {
  return p.kind === 'org' && p.org.toLowerCase() === rec.wire.org.toLowerCase();
}

export function canAccess(p: Principal, inst: Instance, write: boolean): boolean {
  switch (p.kind) {
    case 'user':
      return p.parties.includes(Number(inst.instanceOwner.partyId));
    case 'org':
      return inst.org === p.org && p.scopes.includes(write ? SCOPE_WRITE : SCOPE_READ);
    case 'enterprise':
      return inst.instanceOwner.organisationNumber === p.orgNumber;
  }
}

/**
 * Looks up an instance for a policy-guarded endpoint. The PDP decides without the instance, so an
 * unknown instance is 403 like a denied one, not 404 (docs/altinn-behaviour.md §2.2).
 */
export function instanceFor(ctx: Ctx, partyId: string, guid: string, write: boolean): { rec: InstanceRecord; p: Principal } {
  const p = principalOf(ctx);
  const rec = ctx.svc.store.get(`${partyId}/${guid.toLowerCase()}`);
  if (!rec || !canAccess(p, rec.wire, write)) throw emptyError(403);
  if (rec.wire.status.isHardDeleted && p.kind === 'user') throw emptyError(403);
  return { rec, p };
}

/** Events and other org-only APIs answer 401 text to non-org callers (docs/altinn-behaviour.md §4). */
export function requireOrg(ctx: Ctx): Extract<Principal, { kind: 'org' }> {
  const p = principalOf(ctx);
  if (p.kind !== 'org') throw textError(401, 'Only orgs can call this api');
  return p;
}

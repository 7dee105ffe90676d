// Who an Altinn JWT belongs to and when it runs out, from its claims (read, not verified, by src/api/jwt.ts,
// the one JWT reader). The extension and the CLI know a token's identity only through this.

/** How a session was obtained, which also decides how it is renewed. */
export type SignInMethod = 'token' | 'maskinporten' | 'idporten' | 'testUser' | 'testOrg';

interface IdentityBase {
  readonly method: SignInMethod;
  readonly scopes: readonly string[];
  /** Epoch milliseconds, from the token's `exp`; undefined when the token carries none. */
  readonly expiresAt?: number;
}

export interface OrgIdentity extends IdentityBase {
  readonly kind: 'org';
  /** Service-owner code such as `ttd`; absent for an organisation that is not a service owner. */
  readonly org?: string;
  readonly orgNumber?: string;
}

export interface UserIdentity extends IdentityBase {
  readonly kind: 'user';
  readonly userId?: number;
  readonly partyId?: number;
  readonly name?: string;
}

export type Identity = OrgIdentity | UserIdentity;

import type { JwtClaims } from '../api/jwt';

export { decodeJwtClaims, TokenFormatError, type JwtClaims, type TokenFormatProblem } from '../api/jwt';

/** Epoch milliseconds of `exp`, if it is a number. */
export function expiryOf(claims: JwtClaims): number | undefined {
  return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
}

/** Epoch milliseconds of `iat`, if it is a number. */
export function issuedAtOf(claims: JwtClaims): number | undefined {
  return typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat * 1000 : undefined;
}

// docs/altinn-behaviour.md §3: scopes are in `scope` (space separated); localtest org tokens put them in `urn:altinn:scope`
// (Altinn/app-localtest src/Controllers/Authentication/AuthenticationController.cs GenerateOrgToken; Storage
// reads either, src/Helpers/Storage/AuthorizationHelper.cs ContainsRequiredScope). All of them count.
export function scopesOf(claims: JwtClaims): string[] {
  const found = new Set<string>();
  for (const key of ['scope', 'urn:altinn:scope', 'scp']) {
    const value = claims[key];
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
    for (const s of list) {
      if (typeof s === 'string' && s !== '') found.add(s);
    }
  }
  return [...found];
}

function text(claims: JwtClaims, key: string): string | undefined {
  const v = claims[key];
  return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
}

function integer(claims: JwtClaims, key: string): number | undefined {
  const v = claims[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Maskinporten tokens name the organisation as `consumer.ID` = `0192:<orgNumber>`. */
function consumerOrgNumber(claims: JwtClaims): string | undefined {
  const consumer = claims.consumer;
  if (typeof consumer === 'object' && consumer !== null) {
    const id = (consumer as Record<string, unknown>).ID;
    const m = typeof id === 'string' ? /^0192:(\d{9})$/.exec(id) : null;
    if (m) return m[1];
  }
  return undefined;
}

/** Who the token speaks for (docs/altinn-behaviour.md §3 claim names). A token with a user id is a user's. */
export function identityFromClaims(claims: JwtClaims, method: SignInMethod): Identity {
  const base = { method, scopes: scopesOf(claims), expiresAt: expiryOf(claims) };
  const userId = integer(claims, 'urn:altinn:userid');
  const org = text(claims, 'urn:altinn:org');
  const orgNumber = text(claims, 'urn:altinn:orgNumber') ?? consumerOrgNumber(claims);
  if (userId === undefined && (org !== undefined || orgNumber !== undefined)) {
    return { ...base, kind: 'org', org, orgNumber };
  }
  return {
    ...base,
    kind: 'user',
    userId,
    partyId: integer(claims, 'urn:altinn:partyid'),
    name: text(claims, 'urn:altinn:username'),
  };
}

/** Renew this long before `exp`: two minutes, or a quarter of a short token's life. */
export function renewalMarginMs(claims: JwtClaims, obtainedAt: number): number {
  const exp = expiryOf(claims);
  if (exp === undefined) return 0;
  const lifetime = exp - (issuedAtOf(claims) ?? obtainedAt);
  return Math.max(0, Math.min(120_000, lifetime / 4));
}

/** When the token should be renewed (epoch ms), or undefined when it never expires. */
export function renewAt(claims: JwtClaims, obtainedAt: number): number | undefined {
  const exp = expiryOf(claims);
  return exp === undefined ? undefined : exp - renewalMarginMs(claims, obtainedAt);
}

export function isExpired(claims: JwtClaims, now: number): boolean {
  const exp = expiryOf(claims);
  return exp !== undefined && now >= exp;
}

/** The claims a person may see; never the token or its signature, never personal numbers. */
export function visibleClaims(claims: JwtClaims): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  const keys = [
    'urn:altinn:org',
    'urn:altinn:orgNumber',
    'urn:altinn:userid',
    'urn:altinn:partyid',
    'urn:altinn:username',
    'urn:altinn:authlevel',
    'urn:altinn:authenticatemethod',
    'client_id',
    'iss',
  ];
  for (const key of keys) {
    if (claims[key] !== undefined) shown[key] = claims[key];
  }
  return shown;
}

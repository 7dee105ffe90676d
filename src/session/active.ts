// A stored session read: its claims, who it is, and when it is due for renewal.
import { decodeJwtClaims, identityFromClaims, renewAt, type Identity, type JwtClaims } from './claims';
import type { StoredSession } from './stored';

export interface ActiveSession {
  readonly stored: StoredSession;
  readonly claims: JwtClaims;
  readonly identity: Identity;
  /** Epoch ms at which to renew; undefined when the token has no `exp`. */
  readonly renewAt?: number;
}

/** Undefined for a stored token that no longer decodes (treated as signed out). */
export function activate(stored: StoredSession): ActiveSession | undefined {
  try {
    const claims = decodeJwtClaims(stored.token);
    return { stored, claims, identity: identityFromClaims(claims, stored.credentials.method), renewAt: renewAt(claims, stored.obtainedAt) };
  } catch {
    return undefined;
  }
}

// Reading (not verifying) a JWT's claims: enough to know a token's expiry and identity locally.
import { AltinnInputError } from './errors';

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number; scope?: string };

export function decodeJwtClaims(token: string): JwtClaims {
  const parts = typeof token === 'string' ? token.trim().split('.') : [];
  if (parts.length !== 3) throw new AltinnInputError({ code: 'notAJwtExpectedThree' });
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) throw new Error('not an object');
    return claims as JwtClaims;
  } catch {
    throw new AltinnInputError({ code: 'notAJwtItsClaims' });
  }
}

/** Expiry as a Date, or undefined when the token has no `exp`. */
export function tokenExpiry(token: string): Date | undefined {
  const { exp } = decodeJwtClaims(token);
  return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
}

/** Altinn endpoints return the token as the plain body, sometimes as a JSON string literal. */
export function tokenFromBody(body: string): string {
  let text = body.trim();
  if (text.startsWith('"') && text.endsWith('"')) {
    try {
      text = JSON.parse(text) as string;
    } catch {
      // keep the raw text; the check below decides
    }
  }
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) {
    throw new AltinnInputError({ code: 'theTokenEndpointDidNot' });
  }
  return text;
}

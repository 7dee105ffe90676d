// Reading (not verifying) a JWT's claims: enough to know a token's expiry and identity locally.
import { AltinnInputError } from './errors';

export type JwtClaims = Record<string, unknown> & { exp?: number; iat?: number; scope?: string };

/** Why a text is not a usable JWT; also the code of its sentence in INPUT_ERROR_MESSAGES. */
export type TokenFormatProblem = 'notJwt' | 'payloadNotJson' | 'payloadNotObject';

/** A text that is not a JWT. The message never echoes the text: it may be a secret pasted by mistake. */
export class TokenFormatError extends AltinnInputError {
  override readonly name = 'TokenFormatError';

  constructor(readonly problem: TokenFormatProblem) {
    super({ code: problem });
  }
}

/**
 * The payload of a compact JWS, read without verifying it (the server verifies): enough to know a token's
 * expiry and identity. The one JWT reader of the extension, the CLI and the session core.
 */
export function decodeJwtClaims(token: string): JwtClaims {
  const parts = typeof token === 'string' ? token.trim().split('.') : [];
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) throw new TokenFormatError('notJwt');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new TokenFormatError('payloadNotJson');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TokenFormatError('payloadNotObject');
  return payload as JwtClaims;
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

import { createPublicKey, generateKeyPair, sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { newGuid } from './util';

export type Claims = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Claims;
  signingInput: string;
  signature: Buffer;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Splits a compact JWS without checking it; undefined if it is not three base64url JSON parts. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null) return undefined;
    return {
      header: header as Record<string, unknown>,
      claims: claims as Claims,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** True if an RS256 signature over the token is valid for `key`. */
export function verifyRs256(decoded: DecodedJwt, key: KeyObject): boolean {
  if (decoded.header.alg !== 'RS256') return false;
  try {
    return verify('sha256', Buffer.from(decoded.signingInput), key, decoded.signature);
  } catch {
    return false;
  }
}

export function isExpired(claims: Claims, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  return typeof claims.exp !== 'number' || claims.exp <= nowSeconds;
}

/** Accepts a PEM public key or a JWK given as JSON text. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return createPublicKey({ key: JSON.parse(trimmed) as import('node:crypto').JsonWebKey, format: 'jwk' });
  return createPublicKey(trimmed);
}

/**
 * The emulator's signing key, made at start (RS256, like localtest's self-signed certificate).
 * Verified tokens are cached by their text: RSA verification per request would dominate a query benchmark.
 */
export class TokenSigner {
  readonly kid: string;
  private readonly verified = new Map<string, Claims>();

  private constructor(private readonly privateKey: KeyObject, readonly publicKey: KeyObject) {
    this.kid = newGuid().slice(0, 8);
  }

  static async create(): Promise<TokenSigner> {
    const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return new TokenSigner(privateKey, publicKey);
  }

  sign(claims: Claims): string {
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const body = b64url(JSON.stringify(claims));
    const input = `${header}.${body}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), this.privateKey))}`;
  }

  /** Claims of a token this signer issued and that has not expired; undefined otherwise. */
  verify(token: string): Claims | undefined {
    let claims = this.verified.get(token);
    if (!claims) {
      const decoded = decodeJwt(token);
      if (!decoded || !verifyRs256(decoded, this.publicKey)) return undefined;
      claims = decoded.claims;
      if (this.verified.size > 10_000) this.verified.clear();
      this.verified.set(token, claims);
    }
    return isExpired(claims) ? undefined : claims;
  }

  /** JwksDocument as platform-authentication.json defines it: kty, use, kid, e, n (no `alg`). */
  jwks(): Record<string, unknown> {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty: jwk.kty, use: 'sig', kid: this.kid, e: jwk.e, n: jwk.n }] };
  }
}

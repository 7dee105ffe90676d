// Maskinporten JWT-bearer grant: a client assertion signed with the client's private key (PEM or
// JWK) through node:crypto, posted to the environment's token endpoint.
import { createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import { AltinnInputError } from './errors';

export interface MaskinportenClientKey {
  clientId: string;
  /** PEM text, a JWK as JSON text, or a JWK object. */
  privateKey: string | Record<string, unknown>;
  /** `kid` header; defaults to the JWK's `kid`. */
  keyId?: string;
}

export interface AssertionOptions extends MaskinportenClientKey {
  scopes: readonly string[];
  /** Maskinporten's issuer identifier, e.g. `https://maskinporten.no/`. */
  audience: string;
  /** Optional `resource` claim (audience-restricted tokens). */
  resource?: string;
  lifetimeSeconds?: number;
  now?: Date;
}

function loadKey(privateKey: string | Record<string, unknown>): { key: KeyObject; kid?: string } {
  try {
    if (typeof privateKey === 'object') {
      return { key: createPrivateKey({ key: privateKey as never, format: 'jwk' }), kid: typeof privateKey.kid === 'string' ? privateKey.kid : undefined };
    }
    const text = privateKey.trim();
    if (text.startsWith('{')) {
      const jwk = JSON.parse(text) as Record<string, unknown>;
      return { key: createPrivateKey({ key: jwk as never, format: 'jwk' }), kid: typeof jwk.kid === 'string' ? jwk.kid : undefined };
    }
    return { key: createPrivateKey(text) };
  } catch {
    throw new AltinnInputError({ code: 'theMaskinportenPrivateKeyCould' });
  }
}

function algorithmFor(key: KeyObject): { alg: string; hash: string; dsaEncoding?: 'ieee-p1363' } {
  if (key.asymmetricKeyType === 'rsa') return { alg: 'RS256', hash: 'sha256' };
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return { alg: 'ES256', hash: 'sha256', dsaEncoding: 'ieee-p1363' };
  }
  throw new AltinnInputError({ code: 'theMaskinportenKeyMustBe' });
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The signed client assertion (RFC 7523) Maskinporten expects. */
export function createMaskinportenAssertion(opts: AssertionOptions): string {
  if (!opts.clientId || typeof opts.clientId !== 'string') throw new AltinnInputError({ code: 'aMaskinportenClientIdIs' });
  if (!opts.scopes?.length || opts.scopes.some((s) => !/^[A-Za-z0-9:/._-]+$/.test(s))) {
    throw new AltinnInputError({ code: 'maskinportenNeedsAtLeastOne' });
  }
  const { key, kid } = loadKey(opts.privateKey);
  const { alg, hash, dsaEncoding } = algorithmFor(key);
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const header: Record<string, string> = { alg, typ: 'JWT' };
  const keyId = opts.keyId ?? kid;
  if (keyId) header.kid = keyId;
  const claims: Record<string, unknown> = {
    aud: opts.audience,
    iss: opts.clientId,
    scope: opts.scopes.join(' '),
    iat,
    exp: iat + Math.min(opts.lifetimeSeconds ?? 60, 120),
    jti: randomUUID(),
  };
  if (opts.resource) claims.resource = opts.resource;
  const signingInput = `${b64url(header)}.${b64url(claims)}`;
  const signature = sign(hash, Buffer.from(signingInput), dsaEncoding ? { key, dsaEncoding } : key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Maskinporten's issuer for a token endpoint: `https://maskinporten.no/token` → `https://maskinporten.no/`. */
export function maskinportenAudience(tokenUrl: string): string {
  const url = new URL(tokenUrl);
  return `${url.origin}${url.pathname.replace(/token\/?$/, '')}`;
}

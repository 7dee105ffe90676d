// Maskinporten client keys: a PEM or a JWK (pasted or read from a file). Plain Node, no vscode.
import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Why a key cannot be used; the sign-in prompts show it in the display language. */
export type PrivateKeyProblem = 'publicKeyOnly' | 'encrypted' | 'notAKey' | 'unreadable' | 'unsupportedAlgorithm';

export class PrivateKeyError extends Error {
  override readonly name = 'PrivateKeyError';

  constructor(
    message: string,
    readonly problem?: PrivateKeyProblem,
  ) {
    super(message);
  }
}

export interface ParsedPrivateKey {
  readonly key: KeyObject;
  /** `kid` of a JWK, if it has one. */
  readonly keyId?: string;
}

/**
 * Reads an RSA or EC P-256 private key from PEM (PKCS#1 or PKCS#8) or JWK JSON. Error messages never contain the
 * key material, so they are safe to show and log.
 */
export function parsePrivateKey(text: string): ParsedPrivateKey {
  const trimmed = text.trim();
  let key: KeyObject;
  let keyId: string | undefined;
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as Record<string, unknown>;
      if (typeof jwk.d !== 'string') {
        throw new PrivateKeyError('This JWK has no private part ("d"): paste the private key, not the public one.', 'publicKeyOnly');
      }
      keyId = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
    } else if (trimmed.includes('-----BEGIN') && trimmed.includes('PRIVATE KEY-----')) {
      if (trimmed.includes('ENCRYPTED')) {
        throw new PrivateKeyError('Encrypted private keys are not supported: export the key without a passphrase.', 'encrypted');
      }
      key = createPrivateKey({ key: trimmed, format: 'pem' });
    } else {
      throw new PrivateKeyError('Expected a private key as PEM ("-----BEGIN PRIVATE KEY-----") or as JWK JSON.', 'notAKey');
    }
  } catch (err) {
    if (err instanceof PrivateKeyError) throw err;
    throw new PrivateKeyError('The private key could not be read: it is neither a valid PEM nor a valid JWK.', 'unreadable');
  }
  const supported = key.asymmetricKeyType === 'rsa' || (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1');
  if (!supported) {
    throw new PrivateKeyError('Maskinporten keys must be RSA (RS256) or EC P-256 (ES256).', 'unsupportedAlgorithm');
  }
  return { key, keyId };
}

/**
 * A PEM pasted into a one-line input box arrives with its line breaks turned into spaces (or gone);
 * rebuild the 64-column body so that the key parses. JWK and well-formed PEM pass through.
 */
export function normalizePem(text: string): string {
  const m = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/.exec(text.trim());
  if (!m) return text.trim();
  const body = m[2].replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${m[1]}-----\n${lines.join('\n')}\n-----END ${m[1]}-----\n`;
}

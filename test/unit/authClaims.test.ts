import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  decodeJwtClaims,
  identityFromClaims,
  isExpired,
  renewAt,
  renewalMarginMs,
  scopesOf,
  TokenFormatError,
  visibleClaims,
} from '../../src/session/claims';
import { normalizePem, parsePrivateKey, PrivateKeyError } from '../../src/auth/privateKey';
import * as api from '../../src/api';

function jwt(claims: Record<string, unknown>): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('auth: JWT claims', () => {
  it('decodes the payload of a compact JWT', () => {
    const claims = decodeJwtClaims(jwt({ 'urn:altinn:org': 'ttd', exp: 2_000_000_000 }));
    assert.equal(claims['urn:altinn:org'], 'ttd');
  });

  it('rejects what is not a JWT without echoing it, naming the problem for the prompt to translate', () => {
    const secretLooking = 'not-a-jwt-but-secret-value';
    const cases: [string, string][] = [
      [secretLooking, 'notJwt'],
      ['a.b', 'notJwt'],
      ['a.b.c.d', 'notJwt'],
      [`x.${Buffer.from('[1]').toString('base64url')}.y`, 'payloadNotObject'],
      [`x.${Buffer.from('{nope').toString('base64url')}.y`, 'payloadNotJson'],
      ['a..c', 'notJwt'],
    ];
    for (const [bad, problem] of cases) {
      assert.throws(
        () => decodeJwtClaims(bad),
        (err: unknown) => err instanceof TokenFormatError && err.problem === problem && !err.message.includes(secretLooking),
      );
    }
  });

  it('is the one JWT reader: src/api, the session core and the CLI share it, and its errors are input errors with codes', () => {
    assert.equal(decodeJwtClaims, api.decodeJwtClaims);
    assert.equal(TokenFormatError, api.TokenFormatError);
    const err = (() => {
      try {
        decodeJwtClaims('a.b');
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof api.AltinnInputError && err.code === 'notJwt');
    assert.equal(err.describe((m) => `[nb] ${m}`), '[nb] This is not a JWT: expected three base64url parts separated by dots.');
  });

  // docs/altinn-behaviour.md §3: org tokens carry urn:altinn:org and urn:altinn:orgNumber; scopes in `scope`.
  it('reads a service-owner identity', () => {
    const claims = { 'urn:altinn:org': 'ttd', 'urn:altinn:orgNumber': '405003309', scope: 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write', exp: 100 };
    const identity = identityFromClaims(claims, 'maskinporten');
    assert.deepEqual(identity, {
      kind: 'org',
      method: 'maskinporten',
      org: 'ttd',
      orgNumber: '405003309',
      scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
      expiresAt: 100_000,
    });
  });

  // docs/altinn-behaviour.md §3: localtest user tokens carry userid, partyid and username (numbers may be strings).
  it('reads a user identity, with ids given as strings', () => {
    const identity = identityFromClaims({ 'urn:altinn:userid': '1337', 'urn:altinn:partyid': 501337, 'urn:altinn:username': 'sophie' }, 'testUser');
    assert.equal(identity.kind, 'user');
    assert.equal(identity.kind === 'user' && identity.userId, 1337);
    assert.equal(identity.kind === 'user' && identity.partyId, 501337);
    assert.equal(identity.expiresAt, undefined);
  });

  it('reads an organisation that is not a service owner from Maskinporten\'s consumer claim', () => {
    const identity = identityFromClaims({ consumer: { authority: 'iso6523-actorid-upis', ID: '0192:991825827' } }, 'token');
    assert.deepEqual([identity.kind, identity.kind === 'org' && identity.orgNumber, identity.kind === 'org' && identity.org], ['org', '991825827', undefined]);
  });

  // docs/altinn-behaviour.md §3: GetTestOrgToken puts scopes in urn:altinn:scope.
  it('collects scopes from scope and urn:altinn:scope without duplicates', () => {
    assert.deepEqual(scopesOf({ scope: 'a b', 'urn:altinn:scope': 'b c' }), ['a', 'b', 'c']);
    assert.deepEqual(scopesOf({}), []);
  });

  it('renews two minutes before expiry, or a quarter of a short life before it', () => {
    const iat = 1_000_000;
    assert.equal(renewalMarginMs({ iat, exp: iat + 1800 }, 0), 120_000);
    assert.equal(renewAt({ iat, exp: iat + 1800 }, 0), (iat + 1800) * 1000 - 120_000);
    assert.equal(renewalMarginMs({ iat, exp: iat + 8 }, 0), 2000);
    // Without iat the lifetime counts from when the token arrived.
    assert.equal(renewalMarginMs({ exp: 20 }, 12_000), 2000);
    assert.equal(renewAt({}, 0), undefined);
  });

  it('knows when a token has expired', () => {
    assert.equal(isExpired({ exp: 10 }, 9_999), false);
    assert.equal(isExpired({ exp: 10 }, 10_000), true);
    assert.equal(isExpired({}, Number.MAX_SAFE_INTEGER), false);
  });

  it('shows only identity claims, never personal numbers', () => {
    const shown = visibleClaims({ 'urn:altinn:org': 'ttd', pid: '01039012345', jti: 'x', 'urn:altinn:userid': 1 });
    assert.deepEqual(Object.keys(shown).sort(), ['urn:altinn:org', 'urn:altinn:userid']);
  });
});

describe('auth: Maskinporten private keys', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('reads PEM and JWK (with its kid)', () => {
    assert.equal(parsePrivateKey(pem).key.asymmetricKeyType, 'rsa');
    const jwk = JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: 'key-1' });
    assert.equal(parsePrivateKey(jwk).keyId, 'key-1');
  });

  it('rebuilds a PEM whose line breaks a one-line input box turned into spaces', () => {
    const flattened = pem.replace(/\n/g, ' ');
    assert.equal(parsePrivateKey(normalizePem(flattened)).key.asymmetricKeyType, 'rsa');
    assert.equal(normalizePem(pem).trim(), pem.trim());
  });

  it('refuses public keys, garbage and unsupported curves without echoing key material', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicJwk = JSON.stringify(publicKey.export({ format: 'jwk' }));
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: [string, string][] = [
      [publicJwk, 'publicKeyOnly'],
      ['hello', 'notAKey'],
      ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', 'unreadable'],
      [ed, 'unsupportedAlgorithm'],
    ];
    for (const [bad, problem] of cases) {
      assert.throws(
        () => parsePrivateKey(bad),
        (err: unknown) => err instanceof PrivateKeyError && err.problem === problem && !err.message.includes('AAAA') && !err.message.includes('"n"'),
      );
    }
  });
});

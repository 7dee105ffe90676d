// Token endpoints: test tokens, Maskinporten JWT-bearer grant, exchange and refresh (docs/altinn-behaviour.md §3).
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { AltinnApiError, AltinnInputError, AuthApi, decodeJwtClaims, Environment, tokenExpiry } from '../../src/api';
import { BUILDING_PERMIT, cachingProvider, clientFor, type Fixture, requestCount, startFixture, TTD_ORG_NUMBER, USER_SSN } from './helpers';

describe('api: authentication', function () {
  this.timeout(30_000);
  let fx: Fixture;
  before(async () => {
    fx = await startFixture();
  });
  after(async () => fx?.close());

  it('gets localtest-style test tokens for a user and an org', async () => {
    const user = await fx.auth.testUserToken(1337);
    const claims = decodeJwtClaims(user);
    assert.equal(String(claims['urn:altinn:userid']), '1337');
    assert.equal(String(claims['urn:altinn:partyid']), '501337');
    assert.ok(tokenExpiry(user)! > new Date());
    const org = await fx.auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: 'altinn:serviceowner/instances.read' });
    const orgClaims = decodeJwtClaims(org);
    assert.equal(orgClaims['urn:altinn:org'], 'ttd');
  });

  it('does a Maskinporten JWT-bearer grant with a PEM key and exchanges it for an Altinn token', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const scopes = ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'];
    fx.emulator.registerMaskinportenClient({
      clientId: 'explorer-test',
      keyId: 'key-1',
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      orgNumber: TTD_ORG_NUMBER,
      scopes,
    });
    const mp = await fx.auth.maskinportenToken({ clientId: 'explorer-test', keyId: 'key-1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), scopes });
    assert.equal(mp.tokenType, 'Bearer');
    assert.ok(mp.accessToken.split('.').length === 3);
    const altinn = await fx.auth.exchange('maskinporten', mp.accessToken);
    const claims = decodeJwtClaims(altinn);
    assert.equal(claims['urn:altinn:orgNumber'], TTD_ORG_NUMBER);
    // The exchanged token works for the app owner's work.
    const client = clientFor(fx, cachingProvider(async () => altinn));
    const page = await client.instances.query({ appId: BUILDING_PERMIT, size: 5 });
    assert.equal(page.instances.length, 5);
    const direct = await fx.auth.maskinportenAltinnToken({ clientId: 'explorer-test', keyId: 'key-1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), scopes });
    assert.equal(decodeJwtClaims(direct)['urn:altinn:org'], 'ttd');
    const refreshed = await fx.auth.refresh(altinn);
    assert.equal(decodeJwtClaims(refreshed)['urn:altinn:orgNumber'], TTD_ORG_NUMBER);
  });

  it('does the grant with a JWK and fails clearly for an unknown client', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    fx.emulator.registerMaskinportenClient({
      clientId: 'jwk-client',
      publicKey: JSON.stringify(publicKey.export({ format: 'jwk' })),
      orgNumber: TTD_ORG_NUMBER,
      scopes: ['altinn:serviceowner/instances.read'],
    });
    const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
    const mp = await fx.auth.maskinportenToken({ clientId: 'jwk-client', privateKey: jwk, scopes: ['altinn:serviceowner/instances.read'] });
    assert.ok(mp.accessToken);
    const error = await fx.auth.maskinportenToken({ clientId: 'nobody', privateKey: jwk, scopes: ['altinn:serviceowner/instances.read'] }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status !== undefined && error.status >= 400 && error.status < 500, String(error));
  });

  it('exchanges an ID-porten token for a user token', async () => {
    const response = await fetch(`${fx.emulator.url}/_emulator/idporten-token?pid=${USER_SSN}&scope=${encodeURIComponent('altinn:instances.read altinn:instances.write')}`);
    const body = (await response.text()).trim();
    const external = body.startsWith('{') ? (JSON.parse(body) as { access_token: string }).access_token : body.replace(/^"|"$/g, '');
    const altinn = await fx.auth.exchange('id-porten', external);
    const claims = decodeJwtClaims(altinn);
    assert.equal(String(claims['urn:altinn:userid']), '1337');
  });

  it('reports a refused exchange with its status', async () => {
    const bogus = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.x`;
    const error = await fx.auth.exchange('maskinporten', bogus).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof AltinnApiError && error.status === 401, String(error));
  });

  it('refuses test tokens outside localtest/emulator, and bad input, before any request', async () => {
    const before = requestCount(fx);
    const prod = new AuthApi(new Environment({ id: 'p', name: 'Production', kind: 'production' }));
    await assert.rejects(prod.testUserToken(1337), AltinnInputError);
    await assert.rejects(fx.auth.testUserToken('1337/../x'), AltinnInputError);
    await assert.rejects(fx.auth.testOrgToken('ttd', { orgNumber: '12' }), AltinnInputError);
    await assert.rejects(fx.auth.exchange('maskinporten', 'not a jwt'), AltinnInputError);
    await assert.rejects(fx.auth.exchange('azure' as never, 'a.b.c'), AltinnInputError);
    assert.equal(requestCount(fx), before);
  });
});

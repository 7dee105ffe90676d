// Authentication (§3), the localtest test-token endpoint (§3) and the Events API (§4), success and error.
import * as assert from 'node:assert/strict';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createInstance } from './conformance-app-cases';
import type { ConformanceContext } from './conformance-client';
import { OPERATIONS as OP } from './conformance-operations';

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A JWT-bearer grant assertion signed RS256 with the client's private key. */
function assertion(clientId: string, privateKeyPem: string, scope: string): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ iss: clientId, aud: 'maskinporten-emulator', scope, iat: now, exp: now + 60, jti: randomUUID() })}`;
  const sig = createSign('RSA-SHA256').update(head).sign(privateKeyPem).toString('base64url');
  return `${head}.${sig}`;
}

export function platformCases(ctx: ConformanceContext): void {
  describe('Authentication (§3)', () => {
    it('GET exchange/id-porten → 200 raw JWT; no token → 401; unknown provider → 400', async () => {
      const ext = await ctx.send('GET', { path: '/_emulator/idporten-token?pid=01039012345&scope=altinn:instances.read' });
      assert.equal(ext.status, 200, ext.body.toString('utf8'));
      const raw = ext.body.toString('utf8').trim();
      const external = raw.startsWith('{') ? String((JSON.parse(raw) as Record<string, unknown>).access_token) : raw.replace(/^"|"$/g, '');
      const r = await ctx.call(OP.authExchange, { path: '/authentication/api/v1/exchange/id-porten', token: external }, { status: 200 });
      assert.match(String(r.json), JWT, '§3: 200 body is the raw JWT');
      // §3: 401 for a missing token; 400 (text) for an unknown provider.
      await ctx.call(OP.authExchange, { path: '/authentication/api/v1/exchange/maskinporten' }, { status: 401, errorForm: ['empty', 'text'] });
      await ctx.call(OP.authExchange, { path: '/authentication/api/v1/exchange/facebook', token: external }, { status: 400, errorForm: 'text' });
    });

    it('GET exchange/maskinporten with a Maskinporten token (JWT-bearer grant) → 200 raw JWT', async () => {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const clientId = `conformance-${randomUUID()}`;
      ctx.emulator.registerMaskinportenClient({
        clientId,
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        orgNumber: '405003309',
        scopes: ['altinn:serviceowner/instances.read', 'altinn:serviceowner/instances.write'],
      });
      const grant = new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: assertion(clientId, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'altinn:serviceowner/instances.read'),
      });
      const mp = await ctx.send('POST', { path: '/maskinporten/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: grant.toString() });
      assert.equal(mp.status, 200, mp.body.toString('utf8'));
      const external = String((JSON.parse(mp.body.toString('utf8')) as Record<string, unknown>).access_token);
      const r = await ctx.call(OP.authExchange, { path: '/authentication/api/v1/exchange/maskinporten', token: external }, { status: 200 });
      assert.match(String(r.json), JWT, '§3: 200 body is the raw JWT');
    });

    it('GET refresh → 200 raw JWT; no token → 401', async () => {
      const r = await ctx.call(OP.authRefresh, { path: '/authentication/api/v1/refresh', token: ctx.tokens.user1337 }, { status: 200 });
      assert.match(String(r.json), JWT);
      await ctx.call(OP.authRefresh, { path: '/authentication/api/v1/refresh' }, { status: 401, errorForm: ['empty', 'text'] });
    });

    it('GET openid/.well-known/openid-configuration/jwks → 200 JwksDocument', async () => {
      const r = await ctx.call(OP.authJwks, { path: '/authentication/api/v1/openid/.well-known/openid-configuration/jwks' }, { status: 200 });
      assert.ok(((r.json as { keys?: unknown[] }).keys ?? []).length > 0);
    });

    it('GET /Home/GetTestUserToken → 200 text/plain JWT; unknown user → 404', async () => {
      const r = await ctx.call(OP.testUserToken, { path: '/Home/GetTestUserToken?userId=1337' }, { status: 200 });
      assert.match(String(r.json), JWT);
      await ctx.call(OP.testUserToken, { path: '/Home/GetTestUserToken/1337' }, { status: 200 });
      // §3: "404 if user unknown".
      await ctx.call(OP.testUserToken, { path: '/Home/GetTestUserToken/999999' }, { status: 404, errorForm: ['text', 'problem', 'empty'] });
    });
  });

  describe('Events (§4)', () => {
    it('GET app/{org}/{app} → 200 CloudEvents with a next header; no after/from → 400; user token → 401', async () => {
      await createInstance(ctx, 'ttd/building-permit', ctx.tokens.user1337, '501337');
      const r = await ctx.call(
        OP.eventsApp,
        { path: '/events/api/v1/app/ttd/building-permit?from=2000-01-01T00:00:00Z&size=5', token: ctx.tokens.ttd },
        { status: 200 },
      );
      assert.ok(Array.isArray(r.json) && r.json.length > 0);
      const next = r.exchange.headers.get('next');
      assert.ok(next, '§4: next header on a non-empty page');
      const after = new URL(next).search;
      await ctx.call(OP.eventsApp, { path: `/events/api/v1/app/ttd/building-permit${after}`, token: ctx.tokens.ttd }, { status: 200 });
      // §4: either after or from is required → 400 ProblemDetails.
      await ctx.call(OP.eventsApp, { path: '/events/api/v1/app/ttd/building-permit', token: ctx.tokens.ttd }, { status: 400, errorForm: 'problem' });
      // §4: only org tokens → 401 text "Only orgs can call this api".
      const denied = await ctx.call(
        OP.eventsApp,
        { path: '/events/api/v1/app/ttd/building-permit?from=2000-01-01T00:00:00Z', token: ctx.tokens.user1337 },
        { status: 401, errorForm: 'text' },
      );
      assert.match(String(denied.json), /Only orgs can call this api/);
    });
  });
}

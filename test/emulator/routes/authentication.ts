// Token exchange and refresh (docs/altinn-behaviour.md §3), a Maskinporten-like JWT-bearer token endpoint, and the
// ID-porten-like token the control API hands out, so that sign-in flows can be tested end to end.
import { findOrgByNumber } from '../apps';
import { ALTINN_ISSUER, bearerToken, IDPORTEN_ISSUER, MASKINPORTEN_ISSUER, principalOf, scopesOf } from '../auth';
import { emptyError, problem, readBody, sendJson, sendText, textError } from '../http';
import { decodeJwt, isExpired, verifyRs256, type Claims } from '../jwt';
import { findUserBySsn } from '../parties';
import type { Ctx, Router } from '../router';
import { newGuid } from '../util';

const PROVIDERS = new Set(['maskinporten', 'id-porten', 'altinnstudio']);
const REGISTERED = new Set(['iss', 'iat', 'nbf', 'exp', 'jti', 'aud']);

function externalClaims(ctx: Ctx, issuer: string): Claims {
  const token = bearerToken(ctx);
  if (!token) throw emptyError(401);
  const claims = ctx.svc.signer.verify(token);
  if (!claims || claims.iss !== issuer) throw emptyError(401);
  return claims;
}

function exchangeMaskinporten(ctx: Ctx): string {
  const ext = externalClaims(ctx, MASKINPORTEN_ISSUER);
  const consumer = ext.consumer as { ID?: string } | undefined;
  const orgNumber = consumer?.ID?.split(':')[1];
  if (!orgNumber) throw emptyError(401);
  const claims: Claims = {};
  for (const [k, v] of Object.entries(ext)) if (!REGISTERED.has(k)) claims[k] = v;
  claims['urn:altinn:orgNumber'] = orgNumber;
  claims['urn:altinn:authenticatemethod'] = 'maskinporten';
  claims['urn:altinn:authlevel'] = 3;
  if (scopesOf(ext).some((s) => s.startsWith('altinn:serviceowner'))) {
    const org = ctx.query.get('test') === 'true' ? { org: 'ttd' } : findOrgByNumber(orgNumber);
    if (org) claims['urn:altinn:org'] = org.org;
  }
  return ctx.svc.issueAltinnToken(claims);
}

function authLevelOfAcr(acr: unknown): number | undefined {
  if (acr === 'idporten-loa-high' || acr === 'Level4') return 4;
  if (acr === 'idporten-loa-substantial' || acr === 'Level3') return 3;
  return undefined;
}

/** ID-porten tokens keep their own `exp` when exchanged (docs/altinn-behaviour.md §3 "Lifetime"). */
function exchangeIdporten(ctx: Ctx): string {
  const ext = externalClaims(ctx, IDPORTEN_ISSUER);
  // The scope comes first (403), then pid and level (401): Altinn/altinn-authentication
  // src/Authentication/Controllers/AuthenticationController.cs AuthenticateIdPortenToken, HasAltinnScope (docs/altinn-behaviour.md §3).
  const scopes = scopesOf(ext);
  if (!scopes.some((s) => s.startsWith('altinn:'))) throw emptyError(403);
  const level = authLevelOfAcr(ext.acr);
  if (typeof ext.pid !== 'string' || level === undefined) throw emptyError(401);
  const user = findUserBySsn(ext.pid);
  if (!user) throw emptyError(401);
  const now = Math.floor(Date.now() / 1000);
  return ctx.svc.signer.sign({
    iss: ALTINN_ISSUER, iat: now, nbf: now, exp: ext.exp,
    'urn:altinn:userid': String(user.userId), 'urn:altinn:username': user.userName, 'urn:altinn:partyid': String(user.partyId),
    'urn:altinn:authenticatemethod': 'IdportenTestId', 'urn:altinn:authlevel': String(level), scope: scopes.join(' '),
  });
}

function exchange(ctx: Ctx): void {
  const provider = ctx.params.provider.toLowerCase();
  if (!PROVIDERS.has(provider)) throw textError(400, `Invalid token provider: ${ctx.params.provider}`);
  if (ctx.req.headers['x-altinn-enterpriseuser-authentication']) {
    throw problem(410, 'Enterprise user authentication is discontinued', 'Enterprise users can no longer authenticate.');
  }
  const token = provider === 'id-porten' ? exchangeIdporten(ctx) : provider === 'maskinporten' ? exchangeMaskinporten(ctx)
    : (() => { throw emptyError(401); })();
  sendText(ctx.res, 200, token);
}

function refresh(ctx: Ctx): void {
  const p = principalOf(ctx);
  const claims: Claims = {};
  for (const [k, v] of Object.entries(p.claims)) if (!REGISTERED.has(k)) claims[k] = v;
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken(claims));
}

/** Maskinporten-like: JWT-bearer grant signed with a registered client's key → access token. */
async function maskinportenToken(ctx: Ctx): Promise<void> {
  const form = new URLSearchParams((await readBody(ctx.req)).toString('utf8'));
  const fail = (error: string, description: string) => {
    sendJson(ctx.res, 400, { error, error_description: description });
  };
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return fail('unsupported_grant_type', 'grant_type must be urn:ietf:params:oauth:grant-type:jwt-bearer');
  }
  const decoded = decodeJwt(form.get('assertion') ?? '');
  if (!decoded) return fail('invalid_request', 'assertion is missing or not a JWT');
  const clientId = typeof decoded.claims.iss === 'string' ? decoded.claims.iss : '';
  const client = ctx.svc.maskinportenClients.get(clientId);
  if (!client) return fail('invalid_client', `Unknown client ${clientId}`);
  if (client.keyId && decoded.header.kid !== client.keyId) return fail('invalid_client', 'Unknown kid');
  if (!verifyRs256(decoded, client.key)) return fail('invalid_grant', 'Invalid assertion. Client authentication failed. Invalid JWT signature.');
  if (isExpired(decoded.claims)) return fail('invalid_grant', 'Invalid assertion. The JWT has expired.');
  if (decoded.claims.aud === undefined) return fail('invalid_grant', 'Invalid assertion. aud is missing.');
  const requested = typeof decoded.claims.scope === 'string' ? decoded.claims.scope.split(/\s+/).filter(Boolean) : [];
  if (requested.length === 0) return fail('invalid_scope', 'No scope requested');
  const denied = requested.filter((s) => !client.scopes.includes(s));
  if (denied.length > 0) return fail('invalid_scope', `Client is not allowed scope(s): ${denied.join(' ')}`);
  const now = Math.floor(Date.now() / 1000);
  const lifetime = ctx.svc.tokenLifetimeSeconds;
  const accessToken = ctx.svc.signer.sign({
    iss: MASKINPORTEN_ISSUER, client_id: clientId, scope: requested.join(' '), token_type: 'Bearer',
    consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${client.orgNumber}` },
    client_amr: 'private_key_jwt', iat: now, exp: now + lifetime, jti: newGuid(),
  });
  sendJson(ctx.res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime, scope: requested.join(' ') });
}

/** Control: an ID-porten-like access token for a test person (plain-text JWT). */
function idportenToken(ctx: Ctx): void {
  const pid = ctx.query.get('pid');
  if (!pid) throw textError(400, 'pid is required');
  const now = Math.floor(Date.now() / 1000);
  sendText(ctx.res, 200, ctx.svc.signer.sign({
    iss: IDPORTEN_ISSUER, pid, acr: ctx.query.get('acr') ?? 'idporten-loa-substantial',
    scope: ctx.query.get('scope') ?? 'altinn:instances.read altinn:instances.write openid',
    client_id: 'emulator-idporten-client', iat: now, exp: now + ctx.svc.tokenLifetimeSeconds, jti: newGuid(),
  }));
}

export function registerAuthentication(router: Router): void {
  router.get('/authentication/api/v1/exchange/:provider', exchange, { anonymous: true });
  router.get('/authentication/api/v1/refresh', refresh);
  router.get('/authentication/api/v1/openid/.well-known/openid-configuration/jwks', (ctx) => sendJson(ctx.res, 200, ctx.svc.signer.jwks()), { anonymous: true });
  router.post('/maskinporten/token', maskinportenToken, { anonymous: true });
  router.get('/_emulator/idporten-token', idportenToken, { anonymous: true });
}

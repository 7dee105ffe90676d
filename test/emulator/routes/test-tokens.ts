// app-localtest's token endpoints (docs/altinn-behaviour.md §3 "app-localtest test tokens"): plain-text JWTs, no auth.
import { findOrg } from '../apps';
import { SCOPE_READ, SCOPE_WRITE } from '../auth';
import { emptyError, problem, sendJson, sendText, textError } from '../http';
import { findUser } from '../parties';
import type { Ctx, Router } from '../router';

export function userClaims(userId: number, partyId: number, authLevel: number, scope: string): Record<string, unknown> {
  const user = findUser(userId);
  return {
    'urn:altinn:userid': String(userId),
    'urn:altinn:username': user?.userName ?? `user${userId}`,
    'urn:altinn:partyid': String(partyId),
    'urn:altinn:authenticatemethod': 'Mock',
    'urn:altinn:authlevel': String(authLevel),
    scope,
  };
}

export function orgClaims(org: string, orgNumber: string, authLevel: number, scope: string): Record<string, unknown> {
  return {
    'urn:altinn:org': org,
    'urn:altinn:orgNumber': orgNumber,
    'urn:altinn:authenticatemethod': 'maskinporten',
    'urn:altinn:authlevel': String(authLevel),
    'urn:altinn:scope': scope,
  };
}

function level(ctx: Ctx, dflt: number): number {
  const v = ctx.query.get('authenticationLevel');
  const n = v === null ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 4) throw textError(400, 'authenticationLevel must be 0..4');
  return n;
}

/**
 * localtest's own claims (the localtest and studioctl profiles): no `authenticatemethod`, a `nameid`,
 * party id and level as numbers, the org code lower-cased, `urn:altinn:scope` on org tokens and `scope` on
 * user tokens, and no org number when neither given nor known.
 * Altinn/app-localtest src/Services/Authentication/Implementation/AuthenticationService.cs
 * GenerateTokenForProfile, GenerateTokenForOrg (same in Altinn/altinn-studio src/Runtime/localtest)
 */
function localtestUserClaims(userId: number, userName: string, partyId: number, authLevel: number): Record<string, unknown> {
  return {
    nameid: String(userId),
    'urn:altinn:userid': String(userId),
    'urn:altinn:username': userName,
    'urn:altinn:partyid': partyId,
    'urn:altinn:authlevel': authLevel,
    scope: 'altinn:portal/enduser',
  };
}

function localtestOrgClaims(org: string, orgNumber: string | undefined, authLevel: number, scope: string): Record<string, unknown> {
  const claims: Record<string, unknown> = { 'urn:altinn:org': org.toLowerCase(), 'urn:altinn:authlevel': authLevel, 'urn:altinn:scope': scope };
  if (orgNumber) claims['urn:altinn:orgNumber'] = orgNumber;
  return claims;
}

/** MVC binds an int query parameter or keeps the default; localtest checks no range. HomeController GetTestUserToken */
function localtestLevel(ctx: Ctx, dflt: number): number {
  const n = Number(ctx.query.get('authenticationLevel') ?? dflt);
  return Number.isInteger(n) ? n : dflt;
}

function testUserToken(ctx: Ctx): void {
  // An unknown user is `NotFound()`: 404 with no body, in every profile. Altinn/app-localtest src/Controllers/HomeController.cs GetTestUserToken
  const user = findUser(Number(ctx.params.userId ?? ctx.query.get('userId')));
  if (!user) throw emptyError(404);
  if (ctx.svc.profile !== 'default') {
    return sendText(ctx.res, 200, ctx.svc.issueAltinnToken(localtestUserClaims(user.userId, user.userName, user.partyId, localtestLevel(ctx, 2))));
  }
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken(userClaims(user.userId, user.partyId, level(ctx, 2), 'altinn:portal/enduser')));
}

function testOrgToken(ctx: Ctx): void {
  if (ctx.svc.profile !== 'default') {
    // Without an org localtest's `org.ToLower()` throws: a 500. Altinn/app-localtest HomeController GetTestOrgToken
    const code = ctx.params.org ?? ctx.query.get('org');
    if (!code) throw emptyError(500);
    const number = ctx.query.get('orgNumber') ?? findOrg(code.toLowerCase())?.orgNumber;
    const scope = ctx.query.get('scopes') ?? SCOPE_READ;
    return sendText(ctx.res, 200, ctx.svc.issueAltinnToken(localtestOrgClaims(code, number, localtestLevel(ctx, 3), scope)));
  }
  const org = ctx.params.org ?? ctx.query.get('org') ?? '';
  const orgNumber = ctx.query.get('orgNumber') ?? findOrg(org)?.orgNumber;
  if (!orgNumber) throw textError(404, `Could not look up the organisation number of ${org} (pass orgNumber=)`);
  const scopes = ctx.query.get('scopes') ?? SCOPE_READ;
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken(orgClaims(org, orgNumber, level(ctx, 3), scopes)));
}

function authUser(ctx: Ctx): void {
  const userId = Number(ctx.query.get('userId'));
  const user = findUser(userId);
  if (!user) throw problem(400, 'Bad Request', 'userId must be a known test user');
  const partyId = Number(ctx.query.get('partyId') ?? user.partyId);
  const scope = ctx.query.get('scope') ?? 'altinn:portal/enduser';
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken(userClaims(userId, partyId, level(ctx, 2), scope)));
}

function authServiceOwner(ctx: Ctx): void {
  const org = ctx.query.get('org');
  if (!org) throw problem(400, 'Bad Request', 'org is required');
  const orgNumber = ctx.query.get('orgNumber') ?? findOrg(org)?.orgNumber;
  if (!orgNumber) throw problem(400, 'Bad Request', 'orgNumber is required for an unknown org');
  const scope = ctx.query.get('scope') ?? `${SCOPE_READ} ${SCOPE_WRITE}`;
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken(orgClaims(org, orgNumber, level(ctx, 3), scope)));
}

function authOrg(ctx: Ctx): void {
  const orgNumber = ctx.query.get('orgNumber');
  if (!orgNumber || !/^\d{9}$/.test(orgNumber)) throw problem(400, 'Bad Request', 'orgNumber must be 9 digits');
  const scope = ctx.query.get('scope') ?? 'altinn:instances.read altinn:instances.write';
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken({
    'urn:altinn:orgNumber': orgNumber, 'urn:altinn:authenticatemethod': 'maskinporten', 'urn:altinn:authlevel': '3', scope,
  }));
}

export function registerTestTokens(router: Router): void {
  const anon = { anonymous: true };
  router.get('/Home/GetTestUserToken', testUserToken, anon);
  router.get('/Home/GetTestUserToken/:userId', testUserToken, anon);
  router.get('/Home/GetTestOrgToken', testOrgToken, anon);
  router.get('/Home/GetTestOrgToken/:org', testOrgToken, anon);
  router.get('/Home/auth/user', authUser, anon);
  router.get('/Home/auth/serviceowner', authServiceOwner, anon);
  router.get('/Home/auth/org', authOrg, anon);
  // app-localtest answers 5, studioctl's localtest 6 (a JSON number). Altinn/app-localtest src/Constants/LocalTestApi.cs,
  // Altinn/altinn-studio src/Runtime/localtest/src/Constants/LocalTestApi.cs
  const versions = { default: '1', localtest: 5, studioctl: 6 } as const;
  router.get('/Home/Localtest/Version', (ctx) => {
    const version = versions[ctx.svc.profile];
    return typeof version === 'number' ? sendJson(ctx.res, 200, version) : sendText(ctx.res, 200, version);
  }, anon);
}


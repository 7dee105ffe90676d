// app-localtest's token endpoints (altinn-api.md §3 "app-localtest test tokens"): plain-text JWTs, no auth.
import { findOrg } from '../apps';
import { SCOPE_READ, SCOPE_WRITE } from '../auth';
import { problem, sendText, textError } from '../http';
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

function testUserToken(ctx: Ctx): void {
  const userId = Number(ctx.params.userId ?? ctx.query.get('userId'));
  const user = findUser(userId);
  if (!user) throw textError(404, `User ${String(ctx.params.userId ?? ctx.query.get('userId'))} not found`);
  sendText(ctx.res, 200, ctx.svc.issueAltinnToken(userClaims(user.userId, user.partyId, level(ctx, 2), 'altinn:portal/enduser')));
}

function testOrgToken(ctx: Ctx): void {
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
  router.get('/Home/Localtest/Version', (ctx) => sendText(ctx.res, 200, '1'), anon);
}


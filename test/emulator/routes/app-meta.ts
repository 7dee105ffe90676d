// App metadata, BPMN, texts and the parties a user may act for (altinn-api.md §1.1; README.md).
import { applicationMetadata } from '../apps';
import { principalOf } from '../auth';
import { processDefinitionXml, textResource } from '../bpmn';
import { emptyError, frameworkProblem, sendBody, sendJson, textError } from '../http';
import { findParty, findUser, partiesOfUser, type Party } from '../parties';
import type { Ctx, Router } from '../router';
import { appOf } from './app-common';

function metadata(ctx: Ctx): void {
  const app = appOf(ctx);
  // `?checkOrgApp=true` compares the path with the app id; the emulator hosts every app, so only a miss is possible.
  if (ctx.query.get('checkOrgApp') === 'true' && !ctx.svc.apps.find(ctx.params.org, ctx.params.app)) {
    throw textError(409, `Requested application ${ctx.params.org}/${ctx.params.app} does not match the application id`);
  }
  sendJson(ctx.res, 200, applicationMetadata(app), { 'Cache-Control': 'public, max-age=60' });
}

function processXml(ctx: Ctx): void {
  sendBody(ctx.res, 200, 'text/xml; charset=utf-8', processDefinitionXml(appOf(ctx)));
}

function texts(ctx: Ctx): void {
  const app = appOf(ctx);
  // TextsController: anything but a two-letter code is a plain-text 400; a code without texts falls back to nb.
  if (ctx.params.language.length !== 2) {
    throw textError(400, `Provided language ${ctx.params.language} is invalid. Language code should consists of two characters.`);
  }
  const t = textResource(app, ctx.params.language) ?? textResource(app, 'nb');
  if (!t) throw frameworkProblem(404, 'Not Found');
  sendJson(ctx.res, 200, t);
}

function partyJson(p: Party): Record<string, unknown> {
  return {
    partyId: p.partyId, partyUuid: p.partyUuid, partyTypeName: p.partyTypeName, orgNumber: p.orgNumber ?? null,
    ssn: p.ssn ?? null, unitType: p.unitType ?? null, name: p.name, isDeleted: false,
    onlyHierarchyElementWithNoAccess: false, person: null, organization: null, childParties: null,
  };
}

function partiesForUser(userId: number): Record<string, unknown>[] {
  const user = findUser(userId);
  if (!user) return [];
  return partiesOfUser(user).map((id) => findParty(id)).filter((p): p is Party => p !== undefined).map(partyJson);
}

function appParties(ctx: Ctx): void {
  appOf(ctx);
  const p = principalOf(ctx);
  if (p.kind !== 'user') throw emptyError(403);
  sendJson(ctx.res, 200, partiesForUser(p.userId));
}

function platformParties(ctx: Ctx): void {
  const p = principalOf(ctx);
  const userId = Number(ctx.query.get('userId'));
  if (!Number.isInteger(userId) || userId <= 0) throw textError(400, 'userId is required');
  if (p.kind === 'user' && p.userId !== userId) throw emptyError(403);
  sendJson(ctx.res, 200, partiesForUser(userId));
}

export function registerAppMeta(router: Router): void {
  const anon = { app: true, anonymous: true };
  router.get('/:org/:app/api/v1/applicationmetadata', metadata, anon);
  router.get('/:org/:app/api/v1/meta/process', processXml, anon);
  router.get('/:org/:app/api/v1/texts/:language', texts, anon);
  router.get('/:org/:app/api/v1/applicationlanguages', (ctx) => {
    sendJson(ctx.res, 200, Object.keys(appOf(ctx).texts).map((language) => ({ language })));
  }, anon);
  router.get('/:org/:app/api/v1/parties', appParties, { app: true });
  router.get('/authorization/api/v1/parties', platformParties);
}

// App metadata, BPMN, texts (docs/altinn-behaviour.md §1.1); the parties routes are in parties.ts.
import { applicationMetadata } from '../apps';
import { processDefinitionXml, textResource } from '../bpmn';
import { frameworkProblem, sendBody, sendJson, textError } from '../http';
import type { Ctx, Router } from '../router';
import { appOf } from './app-common';
import { registerParties } from './parties';

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

export function registerAppMeta(router: Router): void {
  const anon = { app: true, anonymous: true };
  router.get('/:org/:app/api/v1/applicationmetadata', metadata, anon);
  router.get('/:org/:app/api/v1/meta/process', processXml, anon);
  router.get('/:org/:app/api/v1/texts/:language', texts, anon);
  router.get('/:org/:app/api/v1/applicationlanguages', (ctx) => {
    sendJson(ctx.res, 200, Object.keys(appOf(ctx).texts).map((language) => ({ language })));
  }, anon);
  registerParties(router);
}

import type { AppDef } from '../apps';
import { instanceFor, requireOrgScope, principalOf, type Principal } from '../auth';
import { emptyError, problem } from '../http';
import type { Ctx } from '../router';
import type { InstanceRecord } from '../types';
import { GUID_RE } from '../util';

/** The app addressed by `/{org}/{app}/…`; an unknown app has no host to answer, so 404 with no body. */
export function appOf(ctx: Ctx): AppDef {
  const app = ctx.svc.apps.find(ctx.params.org, ctx.params.app);
  if (!app) throw emptyError(404);
  return app;
}

/** App, instance and caller for `{org}/{app}/instances/{party}/{guid}/…`, with the app's policy checks. */
export function appInstance(ctx: Ctx, write: boolean): { app: AppDef; rec: InstanceRecord; p: Principal } {
  const app = appOf(ctx);
  // Route constraints {instanceOwnerPartyId:int}/{instanceGuid:guid}: anything else matches no route.
  if (!/^\d+$/.test(ctx.params.party) || !GUID_RE.test(ctx.params.guid)) throw emptyError(404);
  const p = principalOf(ctx);
  requireOrgScope(p, write);
  const { rec } = instanceFor(ctx, ctx.params.party, ctx.params.guid, write);
  if (rec.wire.appId !== app.id) throw emptyError(403);
  return { app, rec, p };
}

/** DataElementAccessChecker: archived / deleted instances refuse data changes (docs/altinn-behaviour.md §1.3). */
export function instanceNotActive(id: string): Error {
  return problem(409, 'Instance Not Active', `Cannot update data element of archived or deleted instance ${id}`);
}

export const INSTANCE = '/:org/:app/instances/:party/:guid';

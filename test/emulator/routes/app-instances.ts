// App API instance routes (docs/altinn-behaviour.md §1.2): create (app-instance-create.ts), get, delete, active, complete, substatus.
import { isOwnerOrg, principalOf, requireOrgScope } from '../auth';
import { emptyError, sendJson } from '../http';
import { displayNameOf } from '../parties';
import type { Ctx, Router } from '../router';
import { appInstance as appInstanceJson } from '../wire-app';
import { postInstance, postSimplified } from './app-instance-create';
import { appInstance, appOf, INSTANCE } from './app-common';
import { changeSubstatus, confirmComplete, deleteInstance, readSubstatus } from './storage-instances';

function getInstance(ctx: Ctx): void {
  const { rec, p } = appInstance(ctx, false);
  // Every caller but the app owner org marks it read (Altinn/app-lib-dotnet InstancesController.cs Get, `userOrgClaim`).
  if (!isOwnerOrg(p, rec) && rec.wire.status.readStatus !== 'Read') {
    ctx.svc.store.quietChange(rec, (w) => (w.status = { ...w.status, readStatus: 'Read' }));
  }
  sendJson(ctx.res, 200, appInstanceJson(rec.wire, true));
}

/** SimpleInstance list of an owner's active instances; `lastChangedBy` is a name (docs/altinn-behaviour.md §1.2). */
function activeInstances(ctx: Ctx): void {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  requireOrgScope(p, false);
  const partyId = Number(ctx.params.party);
  // app-lib asks Storage's query with the caller's token ([Authorize] only), and Storage drops the rows a user may
  // not read: another party's list is empty, not 403. Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/
  // InstancesController.cs GetActiveInstances; Altinn/altinn-storage InstancesController.cs GetInstances (docs/altinn-behaviour.md §1.2)
  if (p.kind === 'user' && !p.parties.includes(partyId)) return sendJson(ctx.res, 200, []);
  if (p.kind === 'org' && p.org !== app.org) throw emptyError(403);
  const idx = ctx.svc.store.index(`party:${partyId}`);
  const out: unknown[] = [];
  for (let i = idx.length - 1; i >= 0; i--) {
    const w = idx.at(i).wire;
    if (w.appId !== app.id || w.status.isArchived || w.status.isSoftDeleted || w.status.isHardDeleted) continue;
    out.push({ id: w.id, presentationTexts: w.presentationTexts ?? null, dueBefore: w.dueBefore ?? null,
      lastChanged: w.lastChanged, lastChangedBy: displayNameOf(w.lastChangedBy) ?? null });
  }
  sendJson(ctx.res, 200, out);
}

export function registerAppInstances(router: Router): void {
  const o = { app: true };
  router.post('/:org/:app/instances', postInstance, o);
  router.post('/:org/:app/instances/create', postSimplified, o);
  router.get('/:org/:app/instances/:party/active', activeInstances, o);
  router.get(INSTANCE, getInstance, o);
  router.delete(INSTANCE, (ctx) => {
    const { rec, p } = appInstance(ctx, true);
    deleteInstance(ctx, rec, p);
    sendJson(ctx.res, 200, appInstanceJson(rec.wire, false));
  }, o);
  router.post(`${INSTANCE}/complete`, (ctx) => {
    const { rec, p } = appInstance(ctx, true);
    if (p.kind !== 'org') throw emptyError(403);
    confirmComplete(ctx, rec, p);
    sendJson(ctx.res, 200, appInstanceJson(rec.wire, false));
  }, o);
  router.put(`${INSTANCE}/substatus`, async (ctx) => {
    const substatus = await readSubstatus(ctx);
    const { rec, p } = appInstance(ctx, false);
    changeSubstatus(ctx, rec, p, substatus, true);
    sendJson(ctx.res, 200, appInstanceJson(rec.wire, false));
  }, o);
}

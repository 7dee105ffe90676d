// Storage single-instance routes (docs/altinn-behaviour.md §2.2): instance, complete, readstatus, substatus,
// presentation texts, data values, instance events, process history, and the applications catalogue.
import { storageApplication } from '../apps';
import { actorId, canAccess, instanceFor, principalOf, type Principal } from '../auth';
import { addInstanceEvent, emitCloudEvent } from '../domain';
import { emptyError, isRecord, readJson, sendJson, sendRawJson, textError } from '../http';
import type { Ctx, Router } from '../router';
import type { InstanceRecord, ReadStatus } from '../types';
import { GUID_RE } from '../util';
import { storageInstanceJson } from '../wire-storage';

const P = '/storage/api/v1/instances/:party/:guid';

function load(ctx: Ctx, write: boolean): { rec: InstanceRecord; p: Principal } {
  return instanceFor(ctx, ctx.params.party, ctx.params.guid, write);
}

/**
 * Storage reads the instance by its guid before any authorisation (the party in the path is not checked):
 * unknown is 404 text, known but not the caller's is 403 (Forbid, empty). The `:int` and `:guid` route
 * constraints make anything else a bare 404.
 * Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs Get
 */
function getInstance(ctx: Ctx): void {
  const { party, guid } = ctx.params;
  if (!/^-?\d{1,10}$/.test(party) || !GUID_RE.test(guid)) throw emptyError(404);
  const p = principalOf(ctx);
  const rec = ctx.svc.store.findByGuid(guid);
  if (!rec) throw textError(404, `Unable to find instance ${guid.toLowerCase()}`);
  if (!canAccess(p, rec.wire, false)) throw emptyError(403);
  sendRawJson(ctx.res, 200, storageInstanceJson(rec));
}

/** Soft delete by default, `?hard=true` for hard delete (both keep the record, as Storage does). */
export function deleteInstance(ctx: Ctx, rec: InstanceRecord, p: Principal): void {
  const hard = /^true$/i.test(ctx.query.get('hard') ?? '');
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.status = { ...w.status, isSoftDeleted: true, softDeleted: w.status.softDeleted ?? now };
    if (hard) w.status = { ...w.status, isHardDeleted: true, hardDeleted: now };
    addInstanceEvent(rec, 'Deleted', p, now);
  });
}

/** Adds the caller org's complete confirmation once (idempotent). */
export function confirmComplete(ctx: Ctx, rec: InstanceRecord, p: Principal): void {
  const stakeholder = p.kind === 'org' ? p.org : actorId(p);
  if ((rec.wire.completeConfirmations ?? []).some((c) => c.stakeholderId === stakeholder)) return;
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.completeConfirmations = [...(w.completeConfirmations ?? []), { stakeholderId: stakeholder, confirmedOn: now }];
    addInstanceEvent(rec, 'ConfirmedComplete', p, now);
  });
}

/** Sets the substatus; only the instance's own org may (docs/altinn-behaviour.md §1.2, §2.2). */
export async function changeSubstatus(ctx: Ctx, rec: InstanceRecord, p: Principal, badRequest: (msg: string) => Error): Promise<void> {
  const body = await readJson(ctx.req);
  if (p.kind !== 'org' || p.org !== rec.wire.org) throw emptyError(403);
  if (!isRecord(body) || typeof body.label !== 'string' || !body.label) throw badRequest('The substatus must have a label');
  const description = typeof body.description === 'string' ? body.description : undefined;
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.status = { ...w.status, substatus: { label: body.label as string, description } };
    addInstanceEvent(rec, 'SubstatusUpdated', p, now);
    emitCloudEvent(ctx.svc.store, w, 'app.instance.substatus.changed', now);
  });
}

const READ_STATUS: Record<string, ReadStatus> = { read: 'Read', unread: 'Unread', updatedsincelastreview: 'UpdatedSinceLastReview' };

function setReadStatus(ctx: Ctx): void {
  const { rec } = load(ctx, false);
  const status = READ_STATUS[(ctx.query.get('status') ?? '').toLowerCase()];
  if (!status) throw textError(400, `Invalid read status: ${ctx.query.get('status') ?? ''}. Accepted types include: read, unread, updatedSinceLastReview`);
  ctx.svc.store.quietChange(rec, (w) => (w.status = { ...w.status, readStatus: status }));
  sendRawJson(ctx.res, 200, storageInstanceJson(rec));
}

/** `{"texts": {k: v}}` / `{"values": {k: v}}`: merge, an empty value deletes the key. */
function keyValueUpdate(member: 'texts' | 'values', target: 'presentationTexts' | 'dataValues') {
  return async (ctx: Ctx) => {
    const { rec, p } = load(ctx, true);
    const body = await readJson(ctx.req);
    const map = isRecord(body) ? body[member] : undefined;
    if (!isRecord(map)) throw textError(400, `Missing parameter value: ${member} cannot be null`);
    ctx.svc.store.touch(rec, actorId(p), (w) => {
      const next = { ...(w[target] ?? {}) };
      for (const [k, v] of Object.entries(map)) {
        if (v === null || v === undefined || v === '') delete next[k];
        else next[k] = String(v);
      }
      w[target] = Object.keys(next).length > 0 ? next : undefined;
    });
    sendRawJson(ctx.res, 200, storageInstanceJson(rec));
  };
}

function instanceEvents(ctx: Ctx): void {
  const { rec } = load(ctx, false);
  const types = ctx.query.getAll('eventTypes');
  const from = ctx.query.get('from');
  const to = ctx.query.get('to');
  let events = rec.events;
  if (types.length > 0) events = events.filter((e) => types.includes(e.eventType));
  if (from && to) {
    const f = Date.parse(from);
    const t = Date.parse(to);
    events = events.filter((e) => Date.parse(e.created) > f && Date.parse(e.created) <= t);
  }
  sendJson(ctx.res, 200, { instanceEvents: events });
}

function processHistory(ctx: Ctx): void {
  const { rec } = load(ctx, false);
  sendJson(ctx.res, 200, { processHistory: rec.history });
}

function validOrgName(org: string): boolean {
  return !/[-\s]/.test(org);
}

function listApplications(ctx: Ctx): void {
  const org = ctx.params.org;
  if (org !== undefined && !validOrgName(org)) throw textError(400, `Org parameter ${org} is not valid`);
  const apps = ctx.svc.apps.all.filter((a) => org === undefined || a.org === org).map(storageApplication);
  sendJson(ctx.res, 200, { applications: apps });
}

function getApplication(ctx: Ctx): void {
  const app = ctx.svc.apps.find(ctx.params.org, ctx.params.app);
  if (!app) throw textError(404, `Cannot find application ${ctx.params.org}/${ctx.params.app} in storage`);
  sendJson(ctx.res, 200, storageApplication(app));
}

export function registerStorageInstances(router: Router): void {
  router.get(P, getInstance);
  router.delete(P, (ctx) => {
    const { rec, p } = load(ctx, true);
    deleteInstance(ctx, rec, p);
    sendRawJson(ctx.res, 200, storageInstanceJson(rec));
  });
  router.post(`${P}/complete`, (ctx) => {
    const { rec, p } = load(ctx, false);
    // Policy action `complete` belongs to the app owner (docs/altinn-behaviour.md §1.2 complete).
    if (p.kind !== 'org') throw emptyError(403);
    confirmComplete(ctx, rec, p);
    sendRawJson(ctx.res, 200, storageInstanceJson(rec));
  });
  router.put(`${P}/readstatus`, setReadStatus);
  router.put(`${P}/substatus`, async (ctx) => {
    const { rec, p } = load(ctx, false);
    await changeSubstatus(ctx, rec, p, (m) => textError(400, m));
    sendRawJson(ctx.res, 200, storageInstanceJson(rec));
  });
  router.put(`${P}/presentationtexts`, keyValueUpdate('texts', 'presentationTexts'));
  router.put(`${P}/datavalues`, keyValueUpdate('values', 'dataValues'));
  router.get(`${P}/events`, instanceEvents);
  router.get(`${P}/process/history`, processHistory);
  router.get('/storage/api/v1/applications', listApplications, { anonymous: true });
  router.get('/storage/api/v1/applications/:org', listApplications, { anonymous: true });
  router.get('/storage/api/v1/applications/:org/:app', getApplication, { anonymous: true });
}

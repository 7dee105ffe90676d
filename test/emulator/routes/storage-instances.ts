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
  sendByGuid(ctx, guid);
}

/**
 * The same read by the guid alone, for any caller who may read the instance (owner or user alike); localtest
 * has no such route (see profiles.ts).
 * Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs GetByGuid (docs/altinn-behaviour.md §2.2)
 */
function getInstanceByGuid(ctx: Ctx): void {
  if (!GUID_RE.test(ctx.params.guid)) throw emptyError(404);
  sendByGuid(ctx, ctx.params.guid);
}

function sendByGuid(ctx: Ctx, guid: string): void {
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

export interface SubstatusBody { label: string; description?: string }

/**
 * The `[FromBody] Substatus`, checked before anything else: no label → 400 text naming the body as Newtonsoft
 * writes it (nulls kept). Both the App API and Storage check this before the instance and the caller's org.
 * Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs UpdateSubstatus;
 * Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs UpdateSubstatus (docs/altinn-behaviour.md §1.2, §2.2)
 */
export async function readSubstatus(ctx: Ctx): Promise<SubstatusBody> {
  const body = await readJson(ctx.req);
  const field = (name: string): string | null => {
    const v = isRecord(body) ? body[name] : undefined;
    return v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);
  };
  const label = field('label');
  if (!label) {
    const shown = isRecord(body) ? JSON.stringify({ label, description: field('description') }) : 'null';
    throw textError(400, `Invalid sub status: ${shown}. Substatus must be defined and include a label.`);
  }
  return { label, description: field('description') ?? undefined };
}

/**
 * Sets the substatus; only the instance's own org may (403). Storage records the instance event; the
 * CloudEvent `app.instance.substatus.changed` comes from the app (RegisterEvent), so only the App API emits it.
 */
export function changeSubstatus(ctx: Ctx, rec: InstanceRecord, p: Principal, substatus: SubstatusBody, cloudEvent: boolean): void {
  if (p.kind !== 'org' || p.org !== rec.wire.org) throw emptyError(403);
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.status = { ...w.status, substatus: { label: substatus.label, description: substatus.description } };
    addInstanceEvent(rec, 'SubstatusUpdated', p, now);
    if (cloudEvent) emitCloudEvent(ctx.svc.store, w, 'app.instance.substatus.changed', now);
  });
}

/** ReadStatus in its declared order: Enum.TryParse takes the name in any case or the number. */
const READ_STATUSES: ReadStatus[] = ['Unread', 'Read', 'UpdatedSinceLastReview'];

/**
 * `Enum.TryParse(status, true, …)`: a name in any case or its number, surrounding spaces ignored; else 400 text
 * listing Enum.GetNames. (A number outside the enum, which .NET would store as is, is refused here.)
 * Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs UpdateReadStatus (docs/altinn-behaviour.md §2.2)
 */
function parseReadStatus(raw: string | null): ReadStatus | undefined {
  const v = (raw ?? '').trim();
  if (/^[+-]?\d+$/.test(v)) return READ_STATUSES[Number(v)];
  return READ_STATUSES.find((s) => s.toLowerCase() === v.toLowerCase());
}

function setReadStatus(ctx: Ctx): void {
  const { rec } = load(ctx, false);
  const raw = ctx.query.get('status');
  const status = parseReadStatus(raw);
  if (!status) throw textError(400, `Invalid read status: ${raw ?? ''}. Accepted types include: ${READ_STATUSES.join(', ')}`);
  ctx.svc.store.quietChange(rec, (w) => (w.status = { ...w.status, readStatus: status }));
  sendRawJson(ctx.res, 200, storageInstanceJson(rec));
}

/**
 * `{"texts": {k: v}}` / `{"values": {k: v}}`: merge, an empty value deletes the key. The routes are [Authorize]
 * only, so a missing map is a 400 before the instance is looked up or the caller authorised.
 * Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs UpdatePresentationTexts, UpdateDataValues
 */
function keyValueUpdate(member: 'texts' | 'values', target: 'presentationTexts' | 'dataValues') {
  return async (ctx: Ctx) => {
    const body = await readJson(ctx.req);
    const map = isRecord(body) ? body[member] : undefined;
    if (!isRecord(map)) throw textError(400, `Missing parameter value: ${target} is misformed or empty`);
    const { rec, p } = load(ctx, true);
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
    // Altinn/altinn-storage src/Storage/Controllers/InstanceEventsController.cs Get: both parsed, else 400 text.
    if (Number.isNaN(f) || Number.isNaN(t)) throw textError(400, 'Unable to perform query. Invalid format for time span. Use string format of UTC.');
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
  // Altinn/altinn-storage src/Storage/Controllers/ApplicationsController.cs GetMany, GetOne (docs/altinn-behaviour.md §2.4)
  if (org !== undefined && !validOrgName(org)) throw textError(400, `Application owner id '${org}' is not valid`);
  const apps = ctx.svc.apps.all.filter((a) => org === undefined || a.org === org).map(storageApplication);
  sendJson(ctx.res, 200, { applications: apps });
}

function getApplication(ctx: Ctx): void {
  const app = ctx.svc.apps.find(ctx.params.org, ctx.params.app);
  if (!app) throw textError(404, `Could not find an application with appId=${ctx.params.org}/${ctx.params.app}`);
  sendJson(ctx.res, 200, storageApplication(app));
}

/**
 * The inbox's restore of a soft delete, under the delete policy. Already restored (or never deleted): 200 `true`,
 * nothing changed. Soft-deleted: the delete marks go, lastChanged(By) move and an `Undeleted` instance event is
 * recorded, 200 `true`. Hard-deleted: 404 text. The instance is read by its guid (the party is not checked).
 * Altinn/altinn-storage src/Storage/Controllers/MessageboxInstancesController.cs Undelete (docs/altinn-behaviour.md §2.2)
 */
function undelete(ctx: Ctx): void {
  const { party, guid } = ctx.params;
  if (!/^-?\d{1,10}$/.test(party) || !GUID_RE.test(guid)) throw emptyError(404);
  const { rec, p } = load(ctx, true);
  if (rec.wire.status.isHardDeleted) throw textError(404, 'Instance was permanently deleted and cannot be restored.');
  if (rec.wire.status.isSoftDeleted) {
    ctx.svc.store.touch(rec, actorId(p), (w, now) => {
      w.status = { ...w.status, isSoftDeleted: false, softDeleted: undefined };
      addInstanceEvent(rec, 'Undeleted', p, now);
    });
  }
  sendJson(ctx.res, 200, true);
}

export function registerStorageInstances(router: Router): void {
  router.get(P, getInstance);
  router.get('/storage/api/v1/instances/:guid', getInstanceByGuid);
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
    const substatus = await readSubstatus(ctx);
    const { rec, p } = load(ctx, false);
    changeSubstatus(ctx, rec, p, substatus, false);
    sendRawJson(ctx.res, 200, storageInstanceJson(rec));
  });
  router.put(`${P}/presentationtexts`, keyValueUpdate('texts', 'presentationTexts'));
  router.put(`${P}/datavalues`, keyValueUpdate('values', 'dataValues'));
  router.put('/storage/api/v1/sbl/instances/:party/:guid/undelete', undelete);
  router.get(`${P}/events`, instanceEvents);
  router.get(`${P}/process/history`, processHistory);
  router.get('/storage/api/v1/applications', listApplications, { anonymous: true });
  router.get('/storage/api/v1/applications/:org', listApplications, { anonymous: true });
  router.get('/storage/api/v1/applications/:org/:app', getApplication, { anonymous: true });
}

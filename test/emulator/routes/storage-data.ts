// Storage data routes (docs/altinn-behaviour.md §2.2): raw blobs, data element list, create/overwrite/delete, locks.
// Storage checks neither content types nor sizes (the app does), but refuses to overwrite a locked element.
import { dataTypeOf } from '../apps';
import { actorId, instanceFor, isOwnerOrg, type Principal } from '../auth';
import { blobSize, receiveBlob, streamDataElement } from '../blob-io';
import { addInstanceEvent, ensureFormBlob } from '../domain';
import { sendRawJson, textError } from '../http';
import type { Ctx, Router } from '../router';
import { newDataElement } from '../store';
import type { DataElement, InstanceRecord } from '../types';
import { newGuid } from '../util';
import { parseContentDisposition } from '../upload-rules';

const P = '/storage/api/v1/instances/:party/:guid';

function load(ctx: Ctx, write: boolean): { rec: InstanceRecord; p: Principal } {
  return instanceFor(ctx, ctx.params.party, ctx.params.guid, write);
}

function element(ctx: Ctx, rec: InstanceRecord): DataElement {
  const el = rec.wire.data.find((d) => d.id === ctx.params.dataGuid.toLowerCase());
  if (!el) throw textError(404, `Unable to find any data element with id: ${ctx.params.dataGuid}.`);
  return el;
}

function download(ctx: Ctx): void {
  const { rec, p } = load(ctx, false);
  const el = element(ctx, rec);
  ensureFormBlob(ctx.svc.store, ctx.svc.apps.byAppId(rec.wire.appId), el);
  // Any caller but the owner org marks the element read (`appOwnerRequestingElement`), and a missing blob is a 404 text.
  // Altinn/altinn-storage src/Storage/Controllers/DataController.cs Get (docs/altinn-behaviour.md §2.2)
  if (!isOwnerOrg(p, rec) && !el.isRead) ctx.svc.store.quietChange(rec, () => (el.isRead = true));
  if (!streamDataElement(ctx.svc.store, ctx.res, el)) throw textError(404, `Unable to read data element from blob storage for ${ctx.params.dataGuid}`);
}

function filenameOf(ctx: Ctx): string | undefined {
  const parsed = parseContentDisposition(ctx.req.headers['content-disposition']);
  if (!parsed.ok || !parsed.filename) return undefined;
  try {
    return decodeURIComponent(parsed.filename);
  } catch {
    return parsed.filename;
  }
}

async function create(ctx: Ctx): Promise<void> {
  const { rec, p } = load(ctx, true);
  const dataType = ctx.query.get('dataType');
  const app = ctx.svc.apps.byAppId(rec.wire.appId);
  if (!dataType || !app || !dataTypeOf(app, dataType)) throw textError(400, 'Requested element type is not declared in application metadata');
  const blob = await receiveBlob(ctx.req, ctx.svc.spoolDir);
  if (blobSize(blob) === 0) throw textError(400, 'No data attachments found');
  const dataId = newGuid();
  const actor = actorId(p);
  let el: DataElement | undefined;
  ctx.svc.store.touch(rec, actor, (w, now) => {
    el = newDataElement(ctx.svc.baseUrl, w, dataId, dataType, {
      filename: filenameOf(ctx), contentType: ctx.req.headers['content-type'] ?? 'application/octet-stream',
      size: blobSize(blob), now, actor,
    });
    const refs = ctx.query.getAll('refs');
    if (refs.length > 0) el.refs = refs;
    const task = ctx.query.get('generatedFromTask');
    if (task) el.references = [{ value: task, relation: 'GeneratedFrom', valueType: 'Task' }];
    w.data.push(el);
    addInstanceEvent(rec, 'Created', p, now, dataId);
  });
  ctx.svc.store.setBlob(dataId, blob);
  sendRawJson(ctx.res, 201, JSON.stringify(el), { Location: (el as DataElement).selfLinks.platform ?? '' });
}

async function overwrite(ctx: Ctx): Promise<void> {
  const { rec, p } = load(ctx, true);
  const el = element(ctx, rec);
  if (el.locked) throw textError(409, `Data element ${el.id} is locked and cannot be updated`);
  const blob = await receiveBlob(ctx.req, ctx.svc.spoolDir);
  // OverwriteData: an empty blob is 422; the owner org's overwrite marks the element unread.
  if (blobSize(blob) === 0) throw textError(422, 'Could not process attached file');
  ctx.svc.store.touch(rec, actorId(p), (_w, now) => {
    if (isOwnerOrg(p, rec)) el.isRead = false;
    el.size = blobSize(blob);
    el.contentType = ctx.req.headers['content-type'] ?? el.contentType;
    el.filename = filenameOf(ctx) ?? el.filename;
    el.lastChanged = now;
    el.lastChangedBy = actorId(p);
    addInstanceEvent(rec, 'Saved', p, now, el.id);
  });
  ctx.svc.store.setBlob(el.id, blob);
  sendRawJson(ctx.res, 200, JSON.stringify(el));
}

function remove(ctx: Ctx): void {
  const { rec, p } = load(ctx, true);
  const el = element(ctx, rec);
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.data = w.data.filter((d) => d !== el);
    addInstanceEvent(rec, 'Deleted', p, now, el.id);
  });
  ctx.svc.store.deleteBlob(el.id);
  sendRawJson(ctx.res, 200, JSON.stringify(el));
}

function lock(locked: boolean) {
  return (ctx: Ctx) => {
    // Anyone who may write the instance's current task may lock and unlock (ProcessAuthorizer.AuthorizeDataElementLock,
    // AuthorizeAnyOfInstanceActions write/unlock/reject); the emulator's write access stands in for that policy.
    const { rec } = load(ctx, true);
    const el = element(ctx, rec);
    // Lock: an element already locked is 200, a new lock `Created(id, element)`, 201 with the id as Location;
    // unlock is 200. Altinn/altinn-storage src/Storage/Controllers/DataLockController.cs Lock, Unlock
    if (locked && el.locked) return sendRawJson(ctx.res, 200, JSON.stringify(el));
    ctx.svc.store.quietChange(rec, () => (el.locked = locked));
    sendRawJson(ctx.res, locked ? 201 : 200, JSON.stringify(el), locked ? { Location: el.id } : undefined);
  };
}

export function registerStorageData(router: Router): void {
  router.get(`${P}/data/:dataGuid`, download);
  router.put(`${P}/data/:dataGuid`, overwrite);
  router.delete(`${P}/data/:dataGuid`, remove);
  router.post(`${P}/data`, create);
  router.put(`${P}/data/:dataGuid/lock`, lock(true));
  router.delete(`${P}/data/:dataGuid/lock`, lock(false));
  router.get(`${P}/dataelements`, (ctx) => {
    const { rec } = load(ctx, false);
    sendRawJson(ctx.res, 200, `{"dataElements":[${rec.wire.data.map((d) => JSON.stringify(d)).join(',')}]}`);
  });
}

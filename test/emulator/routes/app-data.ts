// App API data routes (altinn-api.md §1.3): the two upload endpoints (201 DataElement vs 200
// DataPostResponse), form data as JSON/XML, binary download, overwrite, delete, locking and archiving.
import { dataTypeOf, modelOf, type AppDef, type DataTypeDef } from '../apps';
import { actorId, type Principal } from '../auth';
import { blobSize, receiveBlob, streamDataElement } from '../blob-io';
import { addInstanceEvent, ensureFormBlob, isActive, readForm, saveForm } from '../domain';
import { formToJson, parseFormJson, parseFormXml, type FormValues } from '../formdata';
import { frameworkProblem, HttpError, mediaType, problem, readBody, sendBody, sendJson, textError } from '../http';
import type { Ctx, Router } from '../router';
import { newDataElement } from '../store';
import type { Blob, DataElement, InstanceRecord } from '../types';
import { newGuid } from '../util';
import { appDataElement, appInstance as appInstanceJson } from '../wire-app';
import { checkUploadHeaders, type UploadIssue } from '../upload-rules';
import { appInstance, INSTANCE, instanceNotActive } from './app-common';

type Flavour = 'legacy' | 'new';

function uploadFailed(flavour: Flavour, issues: UploadIssue[]): HttpError {
  if (flavour === 'legacy') return textError(400, issues.map((i) => i.description).join(';'));
  return problem(400, 'File validation failed', 'Common checks failed', { uploadValidationIssues: issues });
}

/** Form data body: JSON or XML by Content-Type; none → empty model; anything else → 415. */
async function readFormBody(ctx: Ctx, app: AppDef, dataType: string): Promise<FormValues> {
  const model = modelOf(app, dataType);
  if (!model) throw problem(500, 'Internal Server Error');
  const ct = mediaType(ctx.req.headers['content-type']);
  const body = await readBody(ctx.req, 16 * 1024 * 1024);
  if (!ct) return {};
  if (ct === 'application/json') return parseFormJson(model, body.toString('utf8'));
  if (ct === 'application/xml' || ct === 'text/xml') return parseFormXml(model, body.toString('utf8'));
  throw frameworkProblem(415, 'Unsupported Media Type');
}

async function readBinaryBody(ctx: Ctx, dt: DataTypeDef, flavour: Flavour): Promise<Blob> {
  const max = dt.maxSize === null ? undefined : dt.maxSize * 1024 * 1024;
  let blob: Blob;
  try {
    blob = await receiveBlob(ctx.req, ctx.svc.spoolDir, max);
  } catch (e) {
    if ((e as Error).message !== 'too-large') throw e;
    if (flavour === 'new') throw problem(413, 'Request too large', `The request body is larger than ${dt.maxSize} MB`);
    throw textError(400, `Invalid data provided. Error: Binary attachment exceeds limit of ${dt.maxSize} MB`);
  }
  if (blobSize(blob) === 0) {
    if (flavour === 'new') throw problem(400, 'Invalid data', 'No data found in request body');
    throw textError(400, 'Invalid data provided. Error: The file is zero bytes.');
  }
  return blob;
}

async function createData(ctx: Ctx, dataTypeId: string | null, flavour: Flavour): Promise<void> {
  const { app, rec, p } = appInstance(ctx, true);
  const w = rec.wire;
  const dt = dataTypeId ? dataTypeOf(app, dataTypeId) : undefined;
  if (!dt) {
    const msg = `Element type ${dataTypeId ?? ''} not allowed for instance ${w.id}.`;
    throw flavour === 'legacy' ? textError(400, msg) : problem(400, 'Bad Request', msg);
  }
  if (!isActive(w)) throw instanceNotActive(w.id);
  if (w.data.filter((d) => d.dataType === dt.id).length >= dt.maxCount) {
    throw problem(409, 'Max Count Exceeded', `Cannot create more than ${dt.maxCount} data elements of type ${dt.id}`);
  }
  const actor = actorId(p);
  const dataId = newGuid();
  let el: DataElement | undefined;
  if (dt.classRef) {
    if (!w.process?.currentTask) throw problem(409, 'No current task', 'Cannot create form data when the process has no current task');
    const values = await readFormBody(ctx, app, dt.id);
    ctx.svc.store.touch(rec, actor, (inst, now) => {
      el = newDataElement(ctx.svc.baseUrl, inst, dataId, dt.id, { contentType: 'application/xml', size: 0, now, actor });
      inst.data.push(el);
      saveForm(ctx.svc.store, app, inst, el, values, now, actor);
      addInstanceEvent(rec, 'Created', p, now, dataId);
    });
  } else {
    const cl = ctx.req.headers['content-length'];
    const check = checkUploadHeaders(dt, {
      disposition: ctx.req.headers['content-disposition'],
      contentType: ctx.req.headers['content-type'],
      contentLength: cl === undefined ? undefined : Number(cl),
    });
    if (check.issues.length > 0) throw uploadFailed(flavour, check.issues);
    if (flavour === 'new' && !ctx.req.headers['content-type']) throw problem(400, 'Bad Request', 'Content-Type header is missing');
    const blob = await readBinaryBody(ctx, dt, flavour);
    ctx.svc.store.touch(rec, actor, (inst, now) => {
      el = newDataElement(ctx.svc.baseUrl, inst, dataId, dt.id, {
        filename: check.filename, contentType: mediaType(ctx.req.headers['content-type']) ?? 'application/octet-stream',
        size: blobSize(blob), now, actor,
      });
      inst.data.push(el);
      addInstanceEvent(rec, 'Created', p, now, dataId);
    });
    ctx.svc.store.setBlob(dataId, blob);
  }
  const created = el as DataElement;
  if (flavour === 'legacy') {
    sendJson(ctx.res, 201, appDataElement(created), { Location: created.selfLinks.apps ?? '' });
    return;
  }
  sendJson(ctx.res, 200, { newDataElementId: dataId, instance: appInstanceJson(w, false), validationIssues: [], newDataModels: [] });
}

function findElement(rec: InstanceRecord, dataGuid: string): DataElement {
  const el = rec.wire.data.find((d) => d.id === dataGuid.toLowerCase());
  if (!el) throw frameworkProblem(404, 'Not Found');
  return el;
}

function markReadByUser(ctx: Ctx, rec: InstanceRecord, p: Principal): void {
  if (p.kind !== 'user' || rec.wire.status.readStatus === 'Read') return;
  ctx.svc.store.quietChange(rec, (w) => (w.status = { ...w.status, readStatus: 'Read' }));
}

function getData(ctx: Ctx): void {
  const { app, rec, p } = appInstance(ctx, false);
  const el = findElement(rec, ctx.params.dataGuid);
  markReadByUser(ctx, rec, p);
  const model = modelOf(app, el.dataType);
  if (model) {
    ensureFormBlob(ctx.svc.store, app, el);
    const accept = (ctx.req.headers.accept ?? '').toLowerCase();
    if (accept.includes('application/json')) {
      sendJson(ctx.res, 200, formToJson(model, readForm(ctx.svc.store, model, el.id)));
      return;
    }
    sendBody(ctx.res, 200, 'application/xml; charset=utf-8', ctx.svc.store.getDataBytes(el.id) ?? Buffer.alloc(0));
    return;
  }
  if (!streamDataElement(ctx.svc.store, ctx.res, el)) throw frameworkProblem(404, 'Not Found');
}

function lockedConflict(): HttpError {
  return frameworkProblem(409, 'Conflict');
}

async function putData(ctx: Ctx): Promise<void> {
  const { app, rec, p } = appInstance(ctx, true);
  const el = findElement(rec, ctx.params.dataGuid);
  if (!isActive(rec.wire)) throw instanceNotActive(rec.wire.id);
  if (el.locked) throw lockedConflict();
  const dt = dataTypeOf(app, el.dataType);
  const actor = actorId(p);
  if (dt?.classRef) {
    if (!rec.wire.process?.currentTask) throw problem(409, 'No current task', 'Cannot update form data when the process has no current task');
    const values = await readFormBody(ctx, app, dt.id);
    ctx.svc.store.touch(rec, actor, (inst, now) => {
      saveForm(ctx.svc.store, app, inst, el, values, now, actor);
      addInstanceEvent(rec, 'Saved', p, now, el.id);
    });
    sendJson(ctx.res, 201, appDataElement(el));
    return;
  }
  if (!ctx.req.headers['content-disposition']) throw textError(400, 'Invalid data provided. Error: Content-Disposition header containing \'filename\' must be included in request.');
  const check = dt ? checkUploadHeaders(dt, { disposition: ctx.req.headers['content-disposition'],
    contentType: ctx.req.headers['content-type'] }) : { issues: [] as UploadIssue[], filename: undefined };
  if (check.issues.length > 0) throw uploadFailed('legacy', check.issues);
  const blob = await readBinaryBody(ctx, dt ?? { id: el.dataType, allowedContentTypes: null, taskId: null, maxSize: null,
    maxCount: 1, minCount: 0 }, 'legacy');
  ctx.svc.store.touch(rec, actor, (_inst, now) => {
    el.size = blobSize(blob);
    el.filename = check.filename ?? el.filename;
    el.contentType = mediaType(ctx.req.headers['content-type']) ?? el.contentType;
    el.lastChanged = now;
    el.lastChangedBy = actor;
    addInstanceEvent(rec, 'Saved', p, now, el.id);
  });
  ctx.svc.store.setBlob(el.id, blob);
  sendJson(ctx.res, 201, appDataElement(el));
}

function deleteData(ctx: Ctx): void {
  const { app, rec, p } = appInstance(ctx, true);
  const el = findElement(rec, ctx.params.dataGuid);
  if (!isActive(rec.wire)) throw instanceNotActive(rec.wire.id);
  const dt = dataTypeOf(app, el.dataType);
  if (dt?.classRef && dt.minCount === 1 && dt.maxCount === 1) {
    throw problem(400, 'Bad Request', `Cannot delete the only data element of type ${dt.id}`);
  }
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.data = w.data.filter((d) => d !== el);
    addInstanceEvent(rec, 'Deleted', p, now, el.id);
  });
  ctx.svc.store.deleteBlob(el.id);
  sendJson(ctx.res, 200, { instance: appInstanceJson(rec.wire, false), validationIssues: [], newDataModels: [] });
}

export function registerAppData(router: Router): void {
  const o = { app: true };
  router.post(`${INSTANCE}/data`, (ctx) => createData(ctx, ctx.query.get('dataType'), 'legacy'), o);
  router.post(`${INSTANCE}/data/type/:dataType`, (ctx) => createData(ctx, ctx.params.dataType, 'new'), o);
  router.post(`${INSTANCE}/data/:dataType`, (ctx) => createData(ctx, ctx.params.dataType, 'new'), o);
  router.get(`${INSTANCE}/data/:dataGuid`, getData, o);
  router.get(`${INSTANCE}/data/:dataGuid/type/:dataType`, getData, o);
  router.put(`${INSTANCE}/data/:dataGuid`, putData, o);
  router.put(`${INSTANCE}/data/:dataGuid/type/:dataType`, putData, o);
  router.delete(`${INSTANCE}/data/:dataGuid`, deleteData, o);
}

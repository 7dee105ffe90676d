// App API data routes (docs/altinn-behaviour.md §1.3): the two upload endpoints (201 DataElement vs 200
// DataPostResponse), form data as JSON/XML, binary download, overwrite, delete, locking and archiving.
// Routes and error shapes follow each app's app-lib version (app-versions.ts): apps before v8.5.0 run
// Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs as tagged v8.3.8.
import { dataTypeOf, modelOf, type AppDef, type DataTypeDef } from '../apps';
import { hasFeature, whenAppHas } from '../app-versions';
import { actorId, isOwnerOrg, type Principal } from '../auth';
import { blobSize, receiveBlob, streamDataElement } from '../blob-io';
import { addInstanceEvent, ensureFormBlob, isActive, readForm, saveForm } from '../domain';
import { formToJson, parseFormJson, parseFormXml, type FormValues } from '../formdata';
import { emptyError, frameworkProblem, HttpError, problem, readBody, sendBody, sendJson, textError } from '../http';
import { negotiateFormFormat } from '../negotiate';
import type { Ctx, Router } from '../router';
import { newDataElement } from '../store';
import type { Blob, DataElement, InstanceRecord } from '../types';
import { GUID_RE, newGuid } from '../util';
import { appDataElement, appInstance as appInstanceJson } from '../wire-app';
import { checkUploadHeaders, type UploadIssue, type UploadRuleVersion } from '../upload-rules';
import { appInstance, INSTANCE, instanceNotActive } from './app-common';

type Flavour = 'legacy' | 'new';

function uploadFailed(flavour: Flavour, issues: UploadIssue[]): HttpError {
  if (flavour === 'legacy') return textError(400, issues.map((i) => i.description).join(';'));
  return problem(400, 'File validation failed', 'Common checks failed', { uploadValidationIssues: issues });
}

function rulesOf(app: AppDef): UploadRuleVersion {
  return { tryParseFilename: hasFeature(app, 'tryParseFilename'), validFilenameWording: hasFeature(app, 'validFilenameWording') };
}

/**
 * Form data body by Content-Type, matched as a substring of the header as sent (case matters).
 * v8.5.0+: Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/Serialization/ModelSerializationService.cs
 * DeserializeSingleFromStream: XML first (also when a PUT has no Content-Type), then JSON, else 415
 * ProblemDetails; so `text/xml` is 415. Before: Helpers/Serialization/ModelDeserializer.cs (v8.3.8)
 * DeserializeAsync: JSON first, then XML, else 400 text. A create without Content-Type makes an empty model.
 */
async function readFormBody(ctx: Ctx, app: AppDef, dataType: string, op: 'create' | 'put'): Promise<FormValues> {
  const model = modelOf(app, dataType);
  if (!model) throw problem(500, 'Internal Server Error');
  const ct = ctx.req.headers['content-type'];
  const body = await readBody(ctx.req, 16 * 1024 * 1024);
  if (ct === undefined && op === 'create') return {};
  if (!hasFeature(app, 'unitOfWorkData')) {
    if (ct === undefined) throw textError(400, 'Unknown content type "null". Cannot read the data.');
    try {
      if (ct.includes('application/json')) return parseFormJson(model, body.toString('utf8'));
      if (ct.includes('application/xml')) return parseFormXml(model, body.toString('utf8'));
    } catch (e) {
      // ModelDeserializer keeps only the message and the controller answers BadRequest(string).
      const detail = e instanceof HttpError && e.body.kind === 'problem' ? e.body.problem.detail : undefined;
      throw textError(400, typeof detail === 'string' ? detail : 'Unexpected exception when attempting to deserialize');
    }
    throw textError(400, `Unknown content type ${ct}. Cannot read the data.`);
  }
  if (ct === undefined || ct.includes('application/xml')) return parseFormXml(model, body.toString('utf8'));
  if (ct.includes('application/json')) return parseFormJson(model, body.toString('utf8'));
  throw problem(415, 'Unsupported content type', `Content type ${ct} is not supported for deserialization`);
}

/** Which controller code answers: the v8.5.0+ endpoint, the obsolete one on v8.5.0+, or the v8.3.8 one. */
type Style = 'new' | 'legacy' | 'old';

function styleOf(app: AppDef, flavour: Flavour): Style {
  if (!hasFeature(app, 'unitOfWorkData')) return 'old';
  return flavour;
}

/**
 * The obsolete endpoint on v8.5.0+ runs PostImpl and turns its 400 ProblemDetails into plain text
 * (Altinn/app-lib-dotnet DataController.cs Create, "Special case for compatibility with old clients").
 */
function asLegacy(e: unknown): unknown {
  if (e instanceof HttpError && e.status === 400 && e.body.kind === 'problem') {
    const detail = e.body.problem.detail;
    return textError(400, typeof detail === 'string' ? detail : String(e.body.problem.title ?? 'Bad Request'));
  }
  return e;
}

async function readBinaryBody(ctx: Ctx, dt: DataTypeDef, style: Style): Promise<Blob> {
  const max = dt.maxSize === null ? undefined : dt.maxSize * 1024 * 1024;
  let blob: Blob;
  try {
    blob = await receiveBlob(ctx.req, ctx.svc.spoolDir, max);
  } catch (e) {
    if ((e as Error).message !== 'too-large') throw e;
    if (style !== 'old') throw problem(413, 'Request too large', `The request body is too large. The content length exceeds the limit of ${dt.maxSize} MB`);
    throw textError(400, `Invalid data provided. Error: Binary attachment exceeds limit of ${dt.maxSize} MB`);
  }
  if (blobSize(blob) === 0) {
    if (style === 'new') throw problem(400, 'Invalid data', 'Invalid data provided. Error: The file is zero bytes.');
    throw textError(400, 'Invalid data provided. Error: The file is zero bytes.');
  }
  return blob;
}

async function createData(ctx: Ctx, dataTypeId: string | null, flavour: Flavour): Promise<void> {
  const { app } = appInstance(ctx, true);
  try {
    await createDataFor(ctx, dataTypeId, styleOf(app, flavour));
  } catch (e) {
    throw styleOf(app, flavour) === 'legacy' ? asLegacy(e) : e;
  }
}

async function createDataFor(ctx: Ctx, dataTypeId: string | null, style: Style): Promise<void> {
  const { app, rec, p } = appInstance(ctx, true);
  const w = rec.wire;
  const dt = dataTypeId ? dataTypeOf(app, dataTypeId) : undefined;
  if (!dt) {
    // v8.3.8 Create finds the type with First(), which throws: an unhandled exception, 500.
    if (style === 'old') throw emptyError(500);
    throw problem(400, 'Data Type Not Found', `Could not find the specified data type: "${dataTypeId ?? ''}" in applicationmetadata.json`);
  }
  if (!isActive(w)) {
    if (style === 'old') throw textError(409, `Cannot upload data for archived or deleted instance ${w.id}`);
    throw instanceNotActive(w.id);
  }
  // v8.3.8 checks neither maxCount nor the current task on this endpoint (DataController.cs Create, v8.3.8).
  if (style !== 'old' && w.data.filter((d) => d.dataType === dt.id).length >= dt.maxCount) {
    throw problem(409, 'Max Count Exceeded', `Cannot create more than ${dt.maxCount} data elements of type ${dt.id}`);
  }
  // PostImpl checks the current task for form data and binaries alike, before reading the body
  // (Altinn/app-lib-dotnet DataController.cs PostImpl "No current task", v8.6.0+; docs/altinn-behaviour.md §1.3).
  if (style !== 'old' && !w.process?.currentTask) throw problem(409, 'No current task', 'Cannot create data element without a current task');
  const actor = actorId(p);
  const dataId = newGuid();
  let el: DataElement | undefined;
  if (dt.classRef) {
    const values = await readFormBody(ctx, app, dt.id, 'create');
    ctx.svc.store.touch(rec, actor, (inst, now) => {
      el = newDataElement(ctx.svc.baseUrl, inst, dataId, dt.id, { contentType: 'application/xml', size: 0, now, actor });
      inst.data.push(el);
      saveForm(ctx.svc.store, app, inst, el, values, now, actor);
      addInstanceEvent(rec, 'Created', p, now, dataId);
    });
  } else {
    const cl = ctx.req.headers['content-length'];
    const contentType = ctx.req.headers['content-type'];
    const check = checkUploadHeaders(dt, {
      disposition: ctx.req.headers['content-disposition'],
      contentType,
      contentLength: cl === undefined ? undefined : Number(cl),
    }, rulesOf(app));
    if (check.issues.length > 0) throw uploadFailed(style === 'new' ? 'new' : 'legacy', check.issues);
    if (style !== 'old' && contentType === undefined) throw problem(400, 'Missing content type', 'The request is missing a content type header.');
    const blob = await readBinaryBody(ctx, dt, style);
    if (contentType === undefined) throw textError(500, 'Content-Type not defined');
    ctx.svc.store.touch(rec, actor, (inst, now) => {
      // Stored as sent: app-lib hands Request.ContentType to Storage unchanged.
      el = newDataElement(ctx.svc.baseUrl, inst, dataId, dt.id, { filename: check.filename, contentType, size: blobSize(blob), now, actor });
      inst.data.push(el);
      addInstanceEvent(rec, 'Created', p, now, dataId);
    });
    ctx.svc.store.setBlob(dataId, blob);
  }
  const created = el as DataElement;
  if (style !== 'new') {
    sendJson(ctx.res, 201, appDataElement(created), { Location: created.selfLinks.apps ?? '' });
    return;
  }
  sendJson(ctx.res, 200, { newDataElementId: dataId, instance: appInstanceJson(w, false), validationIssues: [], newDataModels: [] });
}

/**
 * The element a GET/PUT/DELETE names, and the type alias check of `…/{dataGuid}/type/{dataType}`.
 * v8.5.0+: GetInstanceDataOrError answers an unknown element with a 404 ProblemDetails "Data Element Not Found";
 * v8.3.8 looks it up with First(), which throws: a 500 (Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/
 * DataController.cs GetInstanceDataOrError, Get/Put at tag v8.3.8; docs/altinn-behaviour.md §1.3).
 */
function findElement(ctx: Ctx, app: AppDef, rec: InstanceRecord): DataElement {
  const guid = ctx.params.dataGuid.toLowerCase();
  const el = rec.wire.data.find((d) => d.id === guid);
  if (!el) {
    if (!hasFeature(app, 'unitOfWorkData')) throw emptyError(500);
    throw problem(404, 'Data Element Not Found', `Did not find data element ${guid} on instance ${rec.wire.id}`);
  }
  const alias = ctx.params.dataType;
  if (alias !== undefined && alias !== el.dataType) {
    throw textError(400, `Data type ${alias} does not match data element ${guid}, which is of type ${el.dataType}`);
  }
  return el;
}

/** Every caller but the app owner org marks the instance read (DataController.cs GetFormData/GetBinaryData, `userOrgClaim`). */
function markRead(ctx: Ctx, rec: InstanceRecord, p: Principal): void {
  if (isOwnerOrg(p, rec) || rec.wire.status.readStatus === 'Read') return;
  ctx.svc.store.quietChange(rec, (w) => (w.status = { ...w.status, readStatus: 'Read' }));
}

function getData(ctx: Ctx): void {
  const { app, rec, p } = appInstance(ctx, false);
  const el = findElement(ctx, app, rec);
  markRead(ctx, rec, p);
  const model = modelOf(app, el.dataType);
  if (model) {
    ensureFormBlob(ctx.svc.store, app, el);
    // Ok(model) goes through content negotiation: JSON unless the Accept asks for XML without */*.
    const negotiated = negotiateFormFormat(ctx.req.headers.accept);
    if (negotiated.format === 'json') {
      sendBody(ctx.res, 200, negotiated.contentType, JSON.stringify(formToJson(model, readForm(ctx.svc.store, model, el.id))));
      return;
    }
    sendBody(ctx.res, 200, negotiated.contentType, ctx.svc.store.getDataBytes(el.id) ?? Buffer.alloc(0));
    return;
  }
  if (!streamDataElement(ctx.svc.store, ctx.res, el)) throw frameworkProblem(404, 'Not Found');
}

function lockedConflict(): HttpError {
  return frameworkProblem(409, 'Conflict');
}

async function putData(ctx: Ctx): Promise<void> {
  const { app, rec, p } = appInstance(ctx, true);
  const old = !hasFeature(app, 'unitOfWorkData');
  // v8.3.8 Put checks the instance before it looks for the element (DataController.cs Put, v8.3.8).
  if (old && !isActive(rec.wire)) throw textError(409, `Cannot update data element of archived or deleted instance ${rec.wire.id}`);
  const el = findElement(ctx, app, rec);
  if (!isActive(rec.wire)) throw instanceNotActive(rec.wire.id);
  if (el.locked) throw lockedConflict();
  const dt = dataTypeOf(app, el.dataType);
  const actor = actorId(p);
  if (dt?.classRef) {
    const values = await readFormBody(ctx, app, dt.id, 'put');
    if (!old && !rec.wire.process?.currentTask) throw problem(409, 'No current task', 'Cannot update data element without a current task');
    ctx.svc.store.touch(rec, actor, (inst, now) => {
      saveForm(ctx.svc.store, app, inst, el, values, now, actor);
      addInstanceEvent(rec, 'Saved', p, now, el.id);
    });
    sendJson(ctx.res, 201, appDataElement(el));
    return;
  }
  const contentType = ctx.req.headers['content-type'];
  const check = dt ? checkUploadHeaders(dt, { disposition: ctx.req.headers['content-disposition'], contentType }, rulesOf(app))
    : { issues: [] as UploadIssue[], filename: undefined };
  if (check.issues.length > 0) throw uploadFailed('legacy', check.issues);
  if (ctx.req.headers['content-disposition'] === undefined) {
    throw textError(400, 'Invalid data provided. Error:  The request must include a Content-Disposition header');
  }
  const blob = await readBinaryBody(ctx, dt ?? { id: el.dataType, allowedContentTypes: null, taskId: null, maxSize: null,
    maxCount: 1, minCount: 0 }, 'old');
  ctx.svc.store.touch(rec, actor, (_inst, now) => {
    el.size = blobSize(blob);
    el.filename = check.filename ?? el.filename;
    el.contentType = contentType ?? el.contentType;
    el.lastChanged = now;
    el.lastChangedBy = actor;
    addInstanceEvent(rec, 'Saved', p, now, el.id);
  });
  ctx.svc.store.setBlob(el.id, blob);
  sendJson(ctx.res, 201, appDataElement(el));
}

/** DataController.cs Delete as tagged v8.3.8: text errors, no form data deletes, and an empty 200. */
function deleteDataOld(ctx: Ctx, app: AppDef, rec: InstanceRecord, p: Principal): void {
  if (!isActive(rec.wire)) throw textError(409, `Cannot delete data element of archived or deleted instance ${rec.wire.id}`);
  const el = rec.wire.data.find((d) => d.id === ctx.params.dataGuid.toLowerCase());
  if (!el) throw textError(404, 'Did not find data element');
  if (dataTypeOf(app, el.dataType)?.classRef) throw textError(400, 'Deleting form data is not possible at this moment.');
  ctx.svc.store.touch(rec, actorId(p), (w, now) => {
    w.data = w.data.filter((d) => d !== el);
    addInstanceEvent(rec, 'Deleted', p, now, el.id);
  });
  ctx.svc.store.deleteBlob(el.id);
  sendBody(ctx.res, 200, undefined, '');
}

function deleteData(ctx: Ctx): void {
  const { app, rec, p } = appInstance(ctx, true);
  if (!hasFeature(app, 'unitOfWorkData')) return deleteDataOld(ctx, app, rec, p);
  const el = findElement(ctx, app, rec);
  if (!isActive(rec.wire)) throw instanceNotActive(rec.wire.id);
  const dt = dataTypeOf(app, el.dataType);
  // Altinn/app-lib-dotnet src/Altinn.App.Core/Internal/Data/DataElementAccessChecker.cs GetDeleteProblem
  if (dt?.classRef && dt.minCount === 1 && dt.maxCount === 1) {
    throw problem(400, 'Cannot Delete main data element', 'Cannot delete the only data element of a class with app logic');
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
  // ASP.NET route constraint {dataGuid:guid}: anything else matches no route (404, never 405).
  const guid = { app: true, when: (p: Record<string, string>) => GUID_RE.test(p.dataGuid) };
  const byType = whenAppHas('dataPostByType');
  const alias = whenAppHas('dataTypeAlias');
  const guidAndAlias = { app: true, when: (p: Record<string, string>) => GUID_RE.test(p.dataGuid) && alias(p) };
  router.post(`${INSTANCE}/data`, (ctx) => createData(ctx, ctx.query.get('dataType'), 'legacy'), o);
  router.post(`${INSTANCE}/data/type/:dataType`, (ctx) => createData(ctx, ctx.params.dataType, 'new'), { app: true, when: alias });
  router.post(`${INSTANCE}/data/:dataType`, (ctx) => createData(ctx, ctx.params.dataType, 'new'), { app: true, when: byType });
  router.get(`${INSTANCE}/data/:dataGuid`, getData, guid);
  router.get(`${INSTANCE}/data/:dataGuid/type/:dataType`, getData, guidAndAlias);
  router.put(`${INSTANCE}/data/:dataGuid`, putData, guid);
  router.put(`${INSTANCE}/data/:dataGuid/type/:dataType`, putData, guidAndAlias);
  router.delete(`${INSTANCE}/data/:dataGuid`, deleteData, guid);
}

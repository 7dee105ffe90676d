// App API instance routes (altinn-api.md §1.2): create (JSON template / multipart / simplified with prefill),
// get, delete, active, complete, substatus.
import { dataTypeOf, modelOf, type AppDef } from '../apps';
import { principalOf, requireOrgScope, type Principal } from '../auth';
import { createInstance, type NewInstanceOptions } from '../domain';
import type { FormValues } from '../formdata';
import { parseFormXml } from '../formdata';
import { emptyError, isRecord, jsonStringError, mediaType, readBody, sendJson, textError } from '../http';
import { boundaryOf, parseMultipart } from '../multipart';
import { displayNameOf, findParty, findPartyByOrgNumber, findPartyBySsn, type Party } from '../parties';
import type { Ctx, Router } from '../router';
import { appInstance as appInstanceJson } from '../wire-app';
import { appInstance, appOf, INSTANCE } from './app-common';
import { changeSubstatus, confirmComplete, deleteInstance } from './storage-instances';

function resolveOwner(queryPartyId: string | null, template: Record<string, unknown> | undefined): Party {
  const owner = isRecord(template?.instanceOwner) ? template.instanceOwner : undefined;
  if (!queryPartyId && !owner) {
    throw textError(400, 'Error: instanceOwnerPartyId query parameter is empty and instanceOwner is missing from instance template. You must populate instanceOwnerPartyId or InstanceOwner');
  }
  if (queryPartyId && owner?.partyId) {
    throw textError(400, 'You cannot provide an instanceOwnerPartyId as a query param as well as an instance owner in the body.');
  }
  let party: Party | undefined;
  let lookup: string;
  if (queryPartyId || owner?.partyId) {
    lookup = String(queryPartyId ?? owner?.partyId);
    party = findParty(Number(lookup));
  } else if (typeof owner?.personNumber === 'string') {
    lookup = owner.personNumber;
    party = findPartyBySsn(lookup);
  } else if (typeof owner?.organisationNumber === 'string') {
    lookup = owner.organisationNumber;
    party = findPartyByOrgNumber(lookup);
  } else {
    throw textError(400, 'Error: instanceOwner in the instance template must have partyId, personNumber or organisationNumber');
  }
  if (!party) throw textError(404, `Cannot lookup party: Could not find party ${lookup}`);
  return party;
}

const PARTY_TYPE_FLAG = { 1: 'person', 2: 'organisation', 3: undefined, 4: 'subUnit', 5: 'bankruptcyEstate' } as const;

/** PDP `instantiate` plus `partyTypesAllowed` (sample SubunitOnlyAppTests.Instantiate_partyId=500000_0_Instance). */
function checkInstantiate(app: AppDef, party: Party, p: Principal): void {
  requireOrgScope(p, true);
  const allowed = p.kind === 'user' ? p.parties.includes(party.partyId)
    : p.kind === 'org' ? p.org === app.org : party.orgNumber === p.orgNumber;
  if (!allowed) throw emptyError(403);
  const flags = app.partyTypesAllowed;
  const any = flags.person || flags.organisation || flags.subUnit || flags.bankruptcyEstate;
  const flag = PARTY_TYPE_FLAG[party.partyTypeName];
  if (any && (!flag || !flags[flag])) {
    throw jsonStringError(403, `Party ${party.partyId} is not allowed to instantiate this application ${app.id}`);
  }
}

function dateOpt(v: unknown): string | undefined {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

function comparingError(msg: string): Error {
  return jsonStringError(400, `Error when comparing content to application metadata: ${msg}`);
}

async function readCreateRequest(ctx: Ctx, app: AppDef): Promise<{ template?: Record<string, unknown>; opts: NewInstanceOptions }> {
  const body = await readBody(ctx.req);
  const boundary = boundaryOf(ctx.req.headers['content-type']);
  const opts: NewInstanceOptions = { forms: {}, files: [] };
  if (!boundary) {
    if (body.length === 0 || mediaType(ctx.req.headers['content-type']) !== 'application/json') return { opts };
    let template: unknown;
    try {
      template = JSON.parse(body.toString('utf8'));
    } catch {
      throw textError(400, 'Error: the instance template is not valid JSON');
    }
    return { template: isRecord(template) ? template : undefined, opts };
  }
  let template: Record<string, unknown> | undefined;
  const counts = new Map<string, number>();
  for (const part of parseMultipart(body, boundary)) {
    const ct = part.contentType ?? '';
    if (part.name === 'instance') {
      if (!/^application\/json/i.test(ct)) throw comparingError(`The multipart section named instance must be application/json`);
      const parsed: unknown = JSON.parse(part.body.toString('utf8'));
      template = isRecord(parsed) ? parsed : undefined;
      continue;
    }
    if (part.name === 'notification') continue;
    const dt = dataTypeOf(app, part.name);
    if (!dt) throw comparingError(`Multipart section named '${part.name}' does not correspond to an element type in application metadata`);
    const mt = mediaType(ct) ?? '';
    if (dt.allowedContentTypes && dt.allowedContentTypes.length > 0 && !dt.allowedContentTypes.map((c) => c.toLowerCase()).includes(mt)) {
      throw comparingError(`The multipart section named ${part.name} has a Content-Type '${ct}' which is invalid for element type '${dt.id}'`);
    }
    if (part.body.length === 0) throw comparingError(`The multipart section named ${part.name} has no data. Cannot process empty part.`);
    if (dt.maxSize !== null && part.body.length > dt.maxSize * 1024 * 1024) {
      throw comparingError(`The multipart section named ${part.name} exceeds the size limit of element type '${dt.id}'`);
    }
    const n = (counts.get(dt.id) ?? 0) + 1;
    counts.set(dt.id, n);
    if (n > dt.maxCount) throw comparingError(`The list of elements of type '${dt.id}' is too long`);
    const model = modelOf(app, dt.id);
    if (model) opts.forms![dt.id] = parseFormXml(model, part.body.toString('utf8'));
    else opts.files!.push({ dataType: dt.id, contentType: mt, filename: part.filename, body: part.body });
  }
  return { template, opts };
}

function respondCreated(ctx: Ctx, rec: ReturnType<typeof createInstance>): void {
  const json = appInstanceJson(rec.wire, true);
  sendJson(ctx.res, 201, json, { Location: rec.wire.selfLinks.apps ?? '' });
}

async function postInstance(ctx: Ctx): Promise<void> {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  const { template, opts } = await readCreateRequest(ctx, app);
  const party = resolveOwner(ctx.query.get('instanceOwnerPartyId'), template);
  checkInstantiate(app, party, p);
  opts.dueBefore = dateOpt(template?.dueBefore);
  opts.visibleAfter = dateOpt(template?.visibleAfter);
  respondCreated(ctx, createInstance(ctx.svc.store, app, party, p, opts));
}

function prefillValues(app: AppDef, prefill: unknown): Record<string, FormValues> {
  const forms: Record<string, FormValues> = {};
  const model = app.models[0];
  if (!model || !isRecord(prefill)) return forms;
  const values: FormValues = {};
  for (const f of model.fields) {
    const v = prefill[f.name];
    if (v === undefined || v === null) continue;
    values[f.name] = f.type === 'number' && !Number.isNaN(Number(v)) ? Number(v) : String(v);
  }
  forms[model.dataType] = values;
  return forms;
}

async function postSimplified(ctx: Ctx): Promise<void> {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  const body = await readBody(ctx.req);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8') || 'null');
  } catch {
    throw textError(400, 'Error: the request body is not valid JSON');
  }
  if (!isRecord(parsed) || !isRecord(parsed.instanceOwner)) throw textError(400, 'Error: instanceOwner must be set');
  if (parsed.sourceInstanceId) throw textError(400, 'Creating instance based on a copy from an archived instance is not enabled for this app.');
  const party = resolveOwner(null, parsed);
  checkInstantiate(app, party, p);
  respondCreated(ctx, createInstance(ctx.svc.store, app, party, p, {
    dueBefore: dateOpt(parsed.dueBefore), visibleAfter: dateOpt(parsed.visibleAfter), forms: prefillValues(app, parsed.prefill),
  }));
}

function getInstance(ctx: Ctx): void {
  const { rec, p } = appInstance(ctx, false);
  if (p.kind === 'user' && rec.wire.status.readStatus !== 'Read') {
    ctx.svc.store.quietChange(rec, (w) => (w.status = { ...w.status, readStatus: 'Read' }));
  }
  sendJson(ctx.res, 200, appInstanceJson(rec.wire, true));
}

/** SimpleInstance list of an owner's active instances; `lastChangedBy` is a name (altinn-api.md §1.2). */
function activeInstances(ctx: Ctx): void {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  requireOrgScope(p, false);
  const partyId = Number(ctx.params.party);
  if (p.kind === 'user' && !p.parties.includes(partyId)) throw emptyError(403);
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
    const { rec, p } = appInstance(ctx, false);
    await changeSubstatus(ctx, rec, p, () => textError(400,
      'Invalid sub status. Substatus must be defined and include a label.'));
    sendJson(ctx.res, 200, appInstanceJson(rec.wire, false));
  }, o);
}

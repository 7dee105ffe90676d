// App API instantiation (docs/altinn-behaviour.md §1.2): `POST instances` (JSON template, multipart, or nothing
// but `?instanceOwnerPartyId=`) and `POST instances/create` (simplified, with prefill).
import { dataTypeOf, modelOf, type AppDef } from '../apps';
import { principalOf, requireOrgScope, type Principal } from '../auth';
import { createInstance, type NewInstanceOptions } from '../domain';
import type { FormValues } from '../formdata';
import { parseFormXml } from '../formdata';
import { emptyError, frameworkProblem, isRecord, jsonStringError, mediaType, readBody, sendJson, type HttpError } from '../http';
import { bindJsonBody, DATE_TIME, objectOf, STRING, validationProblem, type Expect } from '../model-binding';
import { boundaryOf, parseMultipart, type Part } from '../multipart';
import { findParty, findPartyByOrgNumber, findPartyBySsn, type Party } from '../parties';
import type { Ctx } from '../router';
import { appInstance as appInstanceJson } from '../wire-app';
import { appOf } from './app-common';

/** A property read the way Newtonsoft and System.Text.Json (Web defaults) bind it: names case-insensitive. */
function prop(obj: unknown, name: string): unknown {
  if (!isRecord(obj)) return undefined;
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** A template's owner field; Newtonsoft turns numbers into the string the model holds. */
function ownerField(owner: unknown, name: string): string | undefined {
  const v = prop(owner, name);
  return v === undefined || v === null ? undefined : String(v);
}

/** Every request part, as MultipartRequestReader.Read gives them: a non-multipart body with a Content-Type is one unnamed part. */
async function readParts(ctx: Ctx): Promise<Part[]> {
  const contentType = ctx.req.headers['content-type'];
  const body = await readBody(ctx.req);
  const boundary = boundaryOf(contentType);
  if (boundary) return parseMultipart(body, boundary);
  return contentType ? [{ contentType, body }] : [];
}

/**
 * ExtractInstanceTemplate (v8.0.0+): the `instance` part, or a lone unnamed part, is removed from the parts; it is
 * the template only when it is non-empty and its Content-Type contains `application/json` (case-sensitive). So an
 * empty body is no template, and `{}` is a template without an owner.
 */
function extractTemplate(parts: Part[]): Record<string, unknown> | undefined {
  let i = parts.findIndex((p) => p.name === 'instance');
  if (i < 0 && parts.length === 1 && parts[0].name === undefined) i = 0;
  if (i < 0) return undefined;
  const [part] = parts.splice(i, 1);
  if (part.body.length === 0 || !(part.contentType ?? '').includes('application/json')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(part.body.toString('utf8'));
  } catch {
    // JsonConvert.DeserializeObject throws outside any try in Post: an unhandled exception.
    throw emptyError(500);
  }
  if (parsed === null) return undefined;
  if (!isRecord(parsed)) throw emptyError(500);
  return parsed;
}

/** The owner rules of Post, in its order (v8.0.0+; messages as in v8.12.7). */
function ownerOf(queryPartyId: string | null, template: Record<string, unknown> | undefined): Record<string, unknown> {
  if (queryPartyId === null && !template) {
    throw jsonStringError(400, 'Cannot create an instance without an instanceOwner.partyId. Either provide instanceOwner party Id as a query parameter or an instanceTemplate object in the body.');
  }
  const owner = prop(template, 'instanceOwner');
  if (queryPartyId !== null && ownerField(owner, 'partyId') !== undefined) {
    throw jsonStringError(400, 'You cannot provide an instanceOwnerPartyId as a query param as well as an instance template in the body. Choose one or the other.');
  }
  if (!template) return { partyId: queryPartyId };
  // With a template, the query parameter is not used at all: the template's owner is the owner.
  if (!isRecord(owner) || ['partyId', 'personNumber', 'organisationNumber', 'externalIdentifier', 'username'].every((f) => ownerField(owner, f) === undefined)) {
    throw missingOwner();
  }
  return owner;
}

function missingOwner(): HttpError {
  return jsonStringError(400, 'Error: instanceOwnerPartyId query parameter is empty and InstanceOwner is missing from instance template. You must populate instanceOwnerPartyId or InstanceOwner');
}

/** LookupParty (partyId first, then person number, then organisation number); a miss is a 404 string (v8.12.7 wording). */
function lookupParty(owner: Record<string, unknown>): Party {
  const partyId = ownerField(owner, 'partyId');
  const lost = (detail: string) => jsonStringError(404, `Cannot lookup party: ${detail}`);
  if (partyId !== undefined) {
    if (!/^[+-]?\d+$/.test(partyId.trim())) {
      throw lost(`Failed to lookup party by partyId: ${partyId}. The exception was: The input string '${partyId}' was not in a correct format.`);
    }
    return findParty(Number(partyId)) ?? (() => { throw lost('Unknown party'); })();
  }
  const ssn = ownerField(owner, 'personNumber');
  const orgNo = ownerField(owner, 'organisationNumber');
  if (ssn) return findPartyBySsn(ssn) ?? (() => { throw lost(`Failed to lookup party by personNumber: ${ssn}. The exception was: 404 - Not Found`); })();
  if (orgNo) return findPartyByOrgNumber(orgNo) ?? (() => { throw lost(`Failed to lookup party by organisationNumber: ${orgNo}. The exception was: 404 - Not Found`); })();
  throw lost('Failed to lookup party by personNumber or organisationNumber: . The exception was: Neither personNumber or organisationNumber has value in instanceOwner');
}

/** InstantiationHelper.IsPartyAllowedToInstantiate: sub-units are organisations of unit type BEDR/AAFY, KBO a bankruptcy estate. */
export function partyMayInstantiate(app: AppDef, party: Party): boolean {
  const allowed = app.partyTypesAllowed;
  if (!allowed.person && !allowed.organisation && !allowed.subUnit && !allowed.bankruptcyEstate) return true;
  const unit = party.unitType?.trim();
  const subUnit = unit === 'BEDR' || unit === 'AAFY';
  switch (party.partyTypeName) {
    case 1:
    case 3:
      return allowed.person;
    case 2:
      return (!subUnit && allowed.organisation) || (subUnit && allowed.subUnit) || (unit === 'KBO' && allowed.bankruptcyEstate);
    default:
      return false;
  }
}

/** PDP `instantiate` plus `partyTypesAllowed` (sample SubunitOnlyAppTests.Instantiate_partyId=500000_0_Instance). */
function checkInstantiate(app: AppDef, party: Party, p: Principal): void {
  requireOrgScope(p, true);
  const allowed = p.kind === 'user' ? p.parties.includes(party.partyId)
    : p.kind === 'org' ? p.org === app.org : party.orgNumber === p.orgNumber;
  if (!allowed) throw emptyError(403);
  if (!partyMayInstantiate(app, party)) {
    throw jsonStringError(403, `Party ${party.partyId} is not allowed to instantiate this application ${app.id}`);
  }
}

/**
 * VerifyInstantiationPermissions (app-lib v8.3.0+): on a Production host an app with `disallowUserInstantiation`
 * refuses every caller without an org claim (a user, a system without one), before the body is read; a copy
 * (`instances/create` with sourceInstanceId) is let through. Altinn/app-lib-dotnet
 * src/Altinn.App.Api/Controllers/InstancesController.cs VerifyInstantiationPermissions (docs/altinn-behaviour.md §1.2).
 */
function verifyInstantiationPermissions(ctx: Ctx, app: AppDef, p: Principal, isCopy = false): void {
  if (!ctx.svc.productionHost || !app.disallowUserInstantiation || p.kind === 'org' || isCopy) return;
  throw jsonStringError(403, `User instantiation is disabled for this application ${ctx.params.org}/${ctx.params.app}`);
}

function dateOpt(v: unknown): string | undefined {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : undefined;
}

function comparingError(msg: string): Error {
  return jsonStringError(400, `Error when comparing content to application metadata: ${msg}`);
}

/** RequestPartValidator.ValidateParts (v8.0.0+), then the parts as initial form data and files. */
function initialData(app: AppDef, parts: Part[]): NewInstanceOptions {
  const opts: NewInstanceOptions = { forms: {}, files: [] };
  for (const part of parts) {
    const ct = part.contentType ?? '';
    if (part.name === 'instance') {
      if (!ct.startsWith('application/json')) {
        throw comparingError(`Unexpected Content-Type '${ct}' of embedded instance template. Expecting 'application/json'`);
      }
      continue;
    }
    const dt = dataTypeOf(app, part.name ?? '');
    if (!dt) throw comparingError(`Multipart section named, '${part.name ?? ''}' does not correspond to an element type in application metadata`);
    if (dt.allowedContentTypes && dt.allowedContentTypes.length > 0 && !dt.allowedContentTypes.includes(ct.split(';')[0])) {
      throw comparingError(`The multipart section named ${part.name} has a Content-Type '${ct}' which is invalid for element type '${dt.id}'`);
    }
    if (part.body.length === 0) throw comparingError(`The multipart section named ${part.name} has no data. Cannot process empty part.`);
    if (dt.maxSize !== null && dt.maxSize > 0 && part.body.length > dt.maxSize * 1024 * 1024) {
      throw comparingError(`The multipart section named ${part.name} exceeds the size limit of element type '${dt.id}'`);
    }
  }
  for (const dt of app.dataTypes) {
    if (dt.maxCount > 0 && parts.filter((p) => p.name === dt.id).length > dt.maxCount) {
      throw comparingError(`The list of parts contains more elements of type '${dt.id}' than the element type allows.`);
    }
  }
  for (const part of parts) {
    if (part.name === 'instance' || !part.name) continue;
    const model = modelOf(app, part.name);
    if (model) opts.forms![part.name] = parseFormXml(model, part.body.toString('utf8'));
    else opts.files!.push({ dataType: part.name, contentType: mediaType(part.contentType) ?? '', filename: part.filename, body: part.body });
  }
  return opts;
}

/** `[FromQuery] int?`: absent or empty binds to null; anything else that is not an int32 is [ApiController]'s automatic 400. */
function queryInt(raw: string | null, name: string): string | null {
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw.trim());
  if (!/^[+-]?\d+$/.test(raw.trim()) || n > 2147483647 || n < -2147483648) {
    throw validationProblem({ [name]: [`The value '${raw}' is not valid.`] });
  }
  return String(n);
}

function respondCreated(ctx: Ctx, rec: ReturnType<typeof createInstance>): void {
  const json = appInstanceJson(rec.wire, true);
  sendJson(ctx.res, 201, json, { Location: rec.wire.selfLinks.apps ?? '' });
}

/** `POST {org}/{app}/instances[?instanceOwnerPartyId=]`: Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs Post. */
export async function postInstance(ctx: Ctx): Promise<void> {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  const queryPartyId = queryInt(ctx.query.get('instanceOwnerPartyId'), 'instanceOwnerPartyId');
  verifyInstantiationPermissions(ctx, app, p);
  const parts = await readParts(ctx);
  const template = extractTemplate(parts);
  const notification = parts.findIndex((x) => x.name === 'notification');
  if (notification >= 0) parts.splice(notification, 1);
  const owner = ownerOf(queryPartyId, template);
  const opts = initialData(app, parts);
  const party = lookupParty(owner);
  checkInstantiate(app, party, p);
  opts.dueBefore = dateOpt(prop(template, 'dueBefore'));
  opts.visibleAfter = dateOpt(prop(template, 'visibleAfter'));
  respondCreated(ctx, createInstance(ctx.svc.store, app, party, p, opts));
}

/**
 * `InstansiationInstance` as System.Text.Json binds it (ALD src/Altinn.App.Api/Models/InstansiationInstance.cs):
 * `prefill` is `Dictionary<string,string>`, so a number or boolean value is a 400 (docs/altinn-behaviour.md §1.2).
 */
function instansiationSchema(path: string[]): Expect | undefined {
  const [top, field] = path;
  if (path.length === 0) return objectOf('Altinn.App.Api.Models.InstansiationInstance');
  if (path.length === 1) {
    if (top === 'instanceowner') return objectOf('Altinn.Platform.Storage.Interface.Models.InstanceOwner');
    if (top === 'duebefore' || top === 'visibleafter') return DATE_TIME;
    if (top === 'prefill') return objectOf('System.Collections.Generic.Dictionary`2[System.String,System.String]');
    if (top === 'sourceinstanceid') return STRING;
    return undefined;
  }
  if (path.length === 2 && top === 'prefill') return STRING;
  if (path.length === 2 && top === 'instanceowner' && ['partyid', 'personnumber', 'organisationnumber', 'username', 'externalidentifier'].includes(field)) {
    return STRING;
  }
  return undefined;
}

function prefillValues(app: AppDef, prefill: unknown): Record<string, FormValues> {
  const forms: Record<string, FormValues> = {};
  const model = app.models[0];
  if (!model || !isRecord(prefill)) return forms;
  const values: FormValues = {};
  for (const f of model.fields) {
    const v = prop(prefill, f.name);
    if (typeof v !== 'string') continue;
    values[f.name] = f.type === 'number' && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  forms[model.dataType] = values;
  return forms;
}

/**
 * `POST {org}/{app}/instances/create`: Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs
 * PostSimplified. The app also has XML input formatters; the emulator reads JSON only and answers 415 otherwise.
 */
export async function postSimplified(ctx: Ctx): Promise<void> {
  const app = appOf(ctx);
  const p = principalOf(ctx);
  if (!/^application\/([\w.-]+\+)?json$|^text\/json$/.test(mediaType(ctx.req.headers['content-type']) ?? '')) {
    throw frameworkProblem(415, 'Unsupported Media Type');
  }
  const parsed = bindJsonBody(await readBody(ctx.req), 'instansiationInstance', instansiationSchema);
  if (!isRecord(parsed)) throw frameworkProblem(400, 'One or more validation errors occurred.');
  verifyInstantiationPermissions(ctx, app, p, Boolean(prop(parsed, 'sourceInstanceId')));
  if (prop(parsed, 'sourceInstanceId')) {
    throw jsonStringError(400, 'Creating instance based on a copy from an archived instance is not enabled for this app.');
  }
  const owner = prop(parsed, 'instanceOwner');
  if (!isRecord(owner) || ['partyId', 'personNumber', 'organisationNumber', 'externalIdentifier', 'username'].every((f) => ownerField(owner, f) === undefined)) {
    throw missingOwner();
  }
  const party = lookupParty(owner);
  checkInstantiate(app, party, p);
  respondCreated(ctx, createInstance(ctx.svc.store, app, party, p, {
    dueBefore: dateOpt(prop(parsed, 'dueBefore')), visibleAfter: dateOpt(prop(parsed, 'visibleAfter')),
    forms: prefillValues(app, prop(parsed, 'prefill')),
  }));
}

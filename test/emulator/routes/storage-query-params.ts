// Storage's instance query parameters as its model binding and SQL treat them (docs/altinn-behaviour.md §2.1).
// Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs (binding, GeneratePostgreSQLParameters)
// and src/Storage/Migration/FunctionsAndProcedures/readinstancefromquery.sql (readinstancefromquery_v8).
import { HttpError, textError } from '../http';
import type { Instance, InstanceRecord } from '../types';

export type Predicate = (rec: InstanceRecord) => boolean;

/**
 * [ApiController] answers a value that does not bind with a ValidationProblemDetails, before the action runs;
 * a property's message names the C# property (ASP.NET Core ModelBindingMessageProvider.AttemptedValueIsInvalid).
 */
class BindingErrors {
  readonly errors: Record<string, string[]> = {};

  add(name: string, message: string): void {
    (this.errors[name] ??= []).push(message);
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length === 0) return;
    throw new HttpError(400, { kind: 'problem', problem: {
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors: this.errors,
    } });
  }
}

/** The query as Storage binds it: a scalar takes the first value (SimpleTypeModelBinder uses FirstValue). */
export interface BoundQuery {
  org?: string;
  appId?: string;
  partyId?: number;
  currentTask?: string;
  isComplete?: boolean;
  excludeConfirmedBy?: string;
  confirmed?: boolean;
  isArchived?: boolean;
  isSoftDeleted?: boolean;
  isHardDeleted?: boolean;
  continuationToken?: string;
  size?: number;
  mainVersionInclude?: number;
  mainVersionExclude?: number;
  searchString?: string;
  sortBy?: string;
  includeDataElements: boolean;
  a3Ref?: string;
  a2ArchRef?: string;
  dates: Record<DateParam, string[]>;
}

const DATE_PARAMS = ['created', 'lastChanged', 'dueBefore', 'visibleAfter', 'process.ended'] as const;
type DateParam = (typeof DATE_PARAMS)[number];

function first(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null || v === '' ? undefined : v;
}

export function bindQuery(q: URLSearchParams): BoundQuery {
  const errors = new BindingErrors();
  const bool = (name: string, property: string): boolean | undefined => {
    const v = first(q, name);
    if (v === undefined) return undefined;
    if (/^\s*true\s*$/i.test(v)) return true;
    if (/^\s*false\s*$/i.test(v)) return false;
    errors.add(name, `The value '${v}' is not valid for ${property}.`);
    return undefined;
  };
  const int = (name: string, property: string): number | undefined => {
    const v = first(q, name);
    if (v === undefined) return undefined;
    const n = /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : NaN;
    if (Number.isSafeInteger(n) && n >= -2147483648 && n <= 2147483647) return n;
    errors.add(name, `The value '${v}' is not valid for ${property}.`);
    return undefined;
  };
  // IncludeDataElements is a plain bool: an empty value is an error rather than "not given".
  let includeDataElements = true;
  const include = q.get('includeDataElements');
  if (include === '') errors.add('includeDataElements', "The value '' is invalid.");
  else if (include !== null) includeDataElements = bool('includeDataElements', 'IncludeDataElements') ?? true;
  const dates = {} as Record<DateParam, string[]>;
  for (const name of DATE_PARAMS) dates[name] = q.getAll(name).filter((v) => v !== '');
  const bound: BoundQuery = {
    org: first(q, 'org'),
    appId: first(q, 'appId'),
    partyId: int('instanceOwner.partyId', 'InstanceOwnerPartyId'),
    currentTask: first(q, 'process.currentTask'),
    isComplete: bool('process.isComplete', 'ProcessIsComplete'),
    excludeConfirmedBy: first(q, 'excludeConfirmedBy'),
    confirmed: bool('confirmed', 'Confirmed'),
    isArchived: bool('status.isArchived', 'IsArchived'),
    isSoftDeleted: bool('status.isSoftDeleted', 'IsSoftDeleted'),
    isHardDeleted: bool('status.isHardDeleted', 'IsHardDeleted'),
    continuationToken: first(q, 'continuationToken'),
    size: int('size', 'Size'),
    mainVersionInclude: int('mainVersionInclude', 'MainVersionInclude'),
    mainVersionExclude: int('mainVersionExclude', 'MainVersionExclude'),
    searchString: first(q, 'searchString'),
    sortBy: first(q, 'order'),
    includeDataElements,
    a3Ref: first(q, 'A3Ref'),
    a2ArchRef: first(q, 'dataValues.A2ArchRef'),
    dates,
  };
  errors.throwIfAny();
  return bound;
}

/**
 * Storage turns a failure inside the repository into 500 with the exception's message as text
 * (InstancesController.ExecuteQueryAndBuildResponse), a bad date among them.
 */
export function queryFailure(message: string): HttpError {
  return textError(500, message);
}

const OPERATORS = new Set(['gt', 'gte', 'lt', 'lte', 'eq']);
const TIME_ONLY = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function parseDate(s: string): number {
  if (TIME_ONLY.test(s.trim())) return Date.parse(`${new Date().toISOString().slice(0, 10)}T${s.trim()}`);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s);
  return Date.parse(/T/.test(s) && !hasZone ? `${s}Z` : s);
}

/**
 * `name=op:value`, split at the first colon (AddDateParamIfNotNull). No colon, an unreadable date or an
 * operator given twice fail the whole query (500); an operator the SQL function has no parameter for is
 * dropped. `created` and `lastChanged` compare as times; `dueBefore`, `visibleAfter` and `process.ended`
 * compare as text against the stored JSON string (useStringValue).
 */
function datePredicates(name: DateParam, values: string[], asTime: boolean, get: (rec: InstanceRecord) => string | number | undefined): Predicate[] {
  const seen = new Set<string>();
  const out: Predicate[] = [];
  for (const value of values) {
    const colon = value.indexOf(':');
    const failure = queryFailure(`Invalid date expression: ${value} for query key: ${name}`);
    if (colon < 0) throw failure;
    const op = value.slice(0, colon);
    const text = value.slice(colon + 1);
    const when = asTime ? parseDate(text) : text;
    if (asTime && Number.isNaN(when)) throw failure;
    if (seen.has(op)) throw failure;
    seen.add(op);
    if (!OPERATORS.has(op)) continue;
    out.push((rec) => {
      const v = get(rec);
      if (v === undefined) return false;
      switch (op) {
        case 'gt': return v > when;
        case 'gte': return v >= when;
        case 'lt': return v < when;
        case 'lte': return v <= when;
        default: return v === when;
      }
    });
  }
  return out;
}

/** `ILIKE '%s%'`: `%` and `_` stay wildcards, backslash escapes (PostgreSQL LIKE). */
export function ilikeContains(search: string): RegExp {
  let re = '';
  for (let i = 0; i < search.length; i++) {
    const c = search[i];
    if (c === '\\' && i + 1 < search.length) re += escapeRegExp(search[++i]);
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += escapeRegExp(c);
  }
  return new RegExp(`^.*${re}.*$`, 'is');
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The `confirmed` column: confirmed by the instance's own org (PgInstanceRepository.Create/Update). */
function confirmedByOwner(w: Instance): boolean {
  return (w.completeConfirmations ?? []).some((c) => c.stakeholderId === w.org);
}

function dateOf(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Date.parse(s);
}

/** Every instance the emulator holds is an Altinn 3 instance (`altinnmainversion` 3). */
const MAIN_VERSION = 3;

/**
 * The WHERE clause of readinstancefromquery_v8 for what the query binds. `archiveReference` has no binding
 * and `process.endEvent` binds but never reaches the SQL: both are ignored, as in Storage.
 */
export function buildPredicates(b: BoundQuery): Predicate[] {
  const preds: Predicate[] = [];
  if (b.org) preds.push((r) => r.wire.org === b.org);
  if (b.appId) preds.push((r) => r.wire.appId === b.appId);
  if (b.partyId !== undefined) preds.push((r) => Number(r.wire.instanceOwner.partyId) === b.partyId);
  if (b.currentTask) preds.push((r) => r.wire.process?.currentTask?.elementId === b.currentTask);
  if (b.isComplete === true) preds.push((r) => r.wire.process?.ended !== undefined);
  if (b.isComplete === false) preds.push((r) => r.wire.process?.currentTask !== undefined);
  preds.push(...datePredicates('lastChanged', b.dates.lastChanged, true, (r) => r.lastChangedMs));
  preds.push(...datePredicates('created', b.dates.created, true, (r) => dateOf(r.wire.created)));
  preds.push(...datePredicates('dueBefore', b.dates.dueBefore, false, (r) => r.wire.dueBefore));
  preds.push(...datePredicates('visibleAfter', b.dates.visibleAfter, false, (r) => r.wire.visibleAfter));
  preds.push(...datePredicates('process.ended', b.dates['process.ended'], false, (r) => r.wire.process?.ended));
  // excludeConfirmedBy equal to `org` means "not confirmed by the owner" (GetConfirmed), unless `confirmed` is given.
  const excludeIsOrg = b.excludeConfirmedBy !== undefined && b.excludeConfirmedBy.toLowerCase() === (b.org ?? '').toLowerCase();
  const confirmed = b.confirmed ?? (excludeIsOrg ? false : undefined);
  if (confirmed !== undefined) preds.push((r) => confirmedByOwner(r.wire) === confirmed);
  const stakeholder = b.excludeConfirmedBy;
  if (stakeholder !== undefined && !excludeIsOrg) {
    preds.push((r) => !(r.wire.completeConfirmations ?? []).some((c) => c.stakeholderId === stakeholder));
  }
  const flag = (v: boolean | undefined, get: (w: Instance) => boolean) => {
    if (v !== undefined) preds.push((r) => get(r.wire) === v);
  };
  flag(b.isArchived, (w) => w.status.isArchived);
  flag(b.isSoftDeleted, (w) => w.status.isSoftDeleted);
  flag(b.isHardDeleted, (w) => w.status.isHardDeleted);
  if (b.searchString) {
    const re = ilikeContains(b.searchString);
    preds.push((r) => Object.values(r.wire.presentationTexts ?? {}).some((t) => re.test(t)));
  }
  if (b.a3Ref) {
    const ref = b.a3Ref.toLowerCase();
    preds.push((r) => r.wire.id.slice(-12) === ref);
  }
  if (b.a2ArchRef) preds.push((r) => r.wire.dataValues?.A2ArchRef === b.a2ArchRef);
  if (b.mainVersionInclude !== undefined && b.mainVersionInclude !== MAIN_VERSION) preds.push(() => false);
  if (b.mainVersionExclude === MAIN_VERSION) preds.push(() => false);
  return preds;
}

/**
 * ApplyQueryDefaults: newest first, Altinn 3 only unless a version is asked for, an A3 reference of exactly
 * 12 characters (400 otherwise), an A2 archive reference only among migrated Altinn 2 instances, 100 a page.
 */
export function applyDefaults(b: BoundQuery): BoundQuery & { size: number } {
  if (b.a3Ref) {
    if (b.a3Ref.length !== 12) throw textError(400, 'The A3 reference needs to be exactly 12 characters long.');
    b.mainVersionInclude = 3;
    b.mainVersionExclude = undefined;
  } else if (b.a2ArchRef) {
    b.mainVersionInclude = 2;
    b.mainVersionExclude = undefined;
  } else if (b.mainVersionInclude === undefined && b.mainVersionExclude === undefined) {
    b.mainVersionInclude = 3;
  }
  return { ...b, size: b.size ?? 100 };
}

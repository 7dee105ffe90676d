// Storage's instance query parameters (docs/altinn-behaviour.md §2.1) from a typed filter, checked before
// anything is sent.
import { AltinnInputError } from './errors';
import { hasControlCharacters } from './text';
import { type AppId, formatAppId, isValidOrganisationNumber, isValidPersonNumber, parseOrg, parsePartyId, toAppId } from './ids';

export type DateOperator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq';
const OPERATORS: readonly DateOperator[] = ['gt', 'gte', 'lt', 'lte', 'eq'];

/**
 * A date condition. Either operators (`{ gte: '2024-01-01', lt: new Date() }`, each one a
 * parameter) or the wire form (`'gt:2024-01-01'`, or several of them).
 */
export type DateFilter = Partial<Record<DateOperator, string | Date>> | string | readonly string[];

export type InstanceOwnerIdentifier = { personNumber: string } | { organisationNumber: string };

export interface InstanceFilter {
  org?: string;
  appId?: AppId | string;
  instanceOwnerPartyId?: number | string;
  /** Sent as `X-Ai-InstanceOwnerIdentifier`; not together with `instanceOwnerPartyId`. */
  instanceOwner?: InstanceOwnerIdentifier;
  currentTask?: string;
  /** true = process ended, false = has a current task. */
  isComplete?: boolean;
  processEnded?: DateFilter;
  lastChanged?: DateFilter;
  created?: DateFilter;
  visibleAfter?: DateFilter;
  dueBefore?: DateFilter;
  /**
   * Leave out instances this stakeholder (an org) has confirmed complete. Storage binds one value; the
   * instance's own org here means the same as `confirmed: false`.
   * Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs ExcludeConfirmedBy, GetConfirmed (docs/altinn-behaviour.md §2.1)
   */
  excludeConfirmedBy?: string;
  confirmed?: boolean;
  isArchived?: boolean;
  isSoftDeleted?: boolean;
  /** Hard-deleted instances are listed only to service owners; Storage forces false for everyone else. */
  isHardDeleted?: boolean;
  /**
   * The instance's A3 reference: the last 12 characters of its guid. (Storage has no binding for the older
   * `archiveReference` parameter and ignores it, so it is not offered.)
   * Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs A3Ref, ApplyQueryDefaults (docs/altinn-behaviour.md §2.1)
   */
  a3Reference?: string;
  /** Case-insensitive substring of any presentation text (Storage: `ILIKE '%…%'`, where `%` and `_` are wildcards). */
  searchString?: string;
  mainVersionInclude?: number;
  mainVersionExclude?: number;
  includeDataElements?: boolean;
  /** Page size; Storage's default is 100. */
  size?: number;
  continuationToken?: string;
  /** By lastChanged; Storage's default is newest first. */
  order?: 'asc' | 'desc';
}

export interface EncodedQuery {
  params: URLSearchParams;
  headers: Record<string, string>;
}

function dateValue(value: string | Date, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AltinnInputError({ code: 'invalidDateFor', args: [field] });
    return value.toISOString();
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new AltinnInputError({ code: 'invalidDateForExpectedAn', args: [JSON.stringify(value), field] });
  }
  return value;
}

/** Storage needs an operator prefix on every date (docs/altinn-behaviour.md §2.1: a blank `eq` is likely broken). */
export function encodeDateFilter(filter: DateFilter, field: string): string[] {
  if (typeof filter === 'string' || Array.isArray(filter)) {
    const items = typeof filter === 'string' ? [filter] : (filter as readonly string[]);
    return items.map((item) => {
      const colon = item.indexOf(':');
      const op = item.slice(0, colon) as DateOperator;
      if (colon < 0 || !OPERATORS.includes(op)) {
        throw new AltinnInputError({ code: 'invalidDateFilterForStart', args: [JSON.stringify(item), field] });
      }
      return `${op}:${dateValue(item.slice(colon + 1), field)}`;
    });
  }
  const out: string[] = [];
  for (const op of OPERATORS) {
    const value = (filter as Partial<Record<DateOperator, string | Date>>)[op];
    if (value !== undefined) out.push(`${op}:${dateValue(value, field)}`);
  }
  if (out.length === 0) throw new AltinnInputError({ code: 'emptyDateFilterForGive', args: [field] });
  return out;
}

function positiveInt(value: number, field: string): string {
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new AltinnInputError({ code: 'invalidExpectedAWholeNumber', args: [field, JSON.stringify(value)] });
  }
  return String(value);
}

function plainText(value: string, field: string, pattern = /^.{1,200}$/s): string {
  if (typeof value !== 'string' || !pattern.test(value) || hasControlCharacters(value)) throw new AltinnInputError({ code: 'invalidValue', args: [field, JSON.stringify(value)] });
  return value;
}

export function ownerIdentifierHeader(owner: InstanceOwnerIdentifier, strict: boolean): string {
  if ('personNumber' in owner) {
    if (!/^\d{11}$/.test(owner.personNumber) || (strict && !isValidPersonNumber(owner.personNumber))) {
      throw new AltinnInputError({ code: 'invalidPersonNumberExpected11' });
    }
    return `Person:${owner.personNumber}`;
  }
  if ('organisationNumber' in owner) {
    if (!/^\d{9}$/.test(owner.organisationNumber) || (strict && !isValidOrganisationNumber(owner.organisationNumber))) {
      throw new AltinnInputError({ code: 'invalidOrganisationNumberExpected9', args: [JSON.stringify(owner.organisationNumber)] });
    }
    return `Organisation:${owner.organisationNumber}`;
  }
  throw new AltinnInputError({ code: 'anInstanceOwnerNeedsA' });
}

/** `strict`: check person and organisation numbers' check digits (off for localtest test data). */
export function encodeInstanceFilter(filter: InstanceFilter, strict: boolean): EncodedQuery {
  const params = new URLSearchParams();
  const headers: Record<string, string> = {};
  const set = (name: string, value: string | undefined): void => {
    if (value !== undefined) params.append(name, value);
  };
  const flag = (name: string, value: boolean | undefined): void => {
    if (value !== undefined) set(name, value ? 'true' : 'false');
  };
  const dates = (name: string, value: DateFilter | undefined): void => {
    if (value !== undefined) for (const v of encodeDateFilter(value, name)) params.append(name, v);
  };

  if ('archiveReference' in filter) {
    // Sent, it would come back as the unfiltered list (Storage has no binding for it).
    throw new AltinnInputError({ code: 'archiveReferenceIgnored' });
  }
  if (filter.org !== undefined) set('org', parseOrg(filter.org));
  if (filter.appId !== undefined) set('appId', formatAppId(toAppId(filter.appId)));
  if (filter.instanceOwnerPartyId !== undefined) set('instanceOwner.partyId', String(parsePartyId(filter.instanceOwnerPartyId)));
  if (filter.instanceOwner !== undefined) {
    if (filter.instanceOwnerPartyId !== undefined) {
      throw new AltinnInputError({ code: 'filterByOwnerPartyId' });
    }
    headers['x-ai-instanceowneridentifier'] = ownerIdentifierHeader(filter.instanceOwner, strict);
  }
  if (filter.currentTask !== undefined) set('process.currentTask', plainText(filter.currentTask, 'task id', /^[A-Za-z0-9_.-]{1,100}$/));
  flag('process.isComplete', filter.isComplete);
  dates('process.ended', filter.processEnded);
  dates('lastChanged', filter.lastChanged);
  dates('created', filter.created);
  dates('visibleAfter', filter.visibleAfter);
  dates('dueBefore', filter.dueBefore);
  if (filter.excludeConfirmedBy !== undefined) {
    if (typeof filter.excludeConfirmedBy !== 'string') {
      throw new AltinnInputError({ code: 'excludeConfirmedByOne' });
    }
    set('excludeConfirmedBy', plainText(filter.excludeConfirmedBy, 'excludeConfirmedBy', /^[A-Za-z0-9_-]{1,100}$/));
  }
  flag('confirmed', filter.confirmed);
  flag('status.isArchived', filter.isArchived);
  flag('status.isSoftDeleted', filter.isSoftDeleted);
  flag('status.isHardDeleted', filter.isHardDeleted);
  if (filter.a3Reference !== undefined) {
    if (typeof filter.a3Reference !== 'string' || !/^[0-9a-f]{12}$/i.test(filter.a3Reference)) {
      throw new AltinnInputError({ code: 'invalidA3ReferenceExpectedThe', args: [JSON.stringify(filter.a3Reference)] });
    }
    set('A3Ref', filter.a3Reference.toLowerCase());
  }
  if (filter.searchString !== undefined) set('searchString', plainText(filter.searchString, 'search string'));
  if (filter.mainVersionInclude !== undefined) set('mainVersionInclude', positiveInt(filter.mainVersionInclude, 'mainVersionInclude'));
  if (filter.mainVersionExclude !== undefined) set('mainVersionExclude', positiveInt(filter.mainVersionExclude, 'mainVersionExclude'));
  flag('includeDataElements', filter.includeDataElements);
  if (filter.size !== undefined) set('size', positiveInt(filter.size, 'page size'));
  if (filter.continuationToken !== undefined) set('continuationToken', plainText(filter.continuationToken, 'continuation token'));
  if (filter.order !== undefined) {
    if (filter.order !== 'asc' && filter.order !== 'desc') throw new AltinnInputError({ code: 'invalidOrderExpectedAscOr', args: [JSON.stringify(filter.order)] });
    set('order', `${filter.order}:lastChanged`);
  }
  return { params, headers };
}

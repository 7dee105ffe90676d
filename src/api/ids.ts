import { AltinnInputError } from './errors';

/** `org/app`, as Storage writes `appId`. */
export interface AppId {
  readonly org: string;
  readonly app: string;
}

/** `partyId/guid`, as Storage writes an instance `id`. */
export interface InstanceId {
  readonly partyId: number;
  readonly guid: string;
}

/**
 * What an operation on one instance needs: App API routes are rooted at `{org}/{app}`, which the
 * instance id alone does not carry. A normalized `Instance` satisfies this shape as it is.
 */
export interface InstanceRef {
  readonly appId: AppId | string;
  readonly id: InstanceId | string;
}

/** The same, parsed and checked. */
export interface ResolvedInstanceRef {
  readonly appId: AppId;
  readonly id: InstanceId;
}

const ORG_PATTERN = /^[a-z0-9]{2,30}$/;
const APP_PATTERN = /^[a-z0-9](?:[a-z0-9_-]{0,98}[a-z0-9])?$/;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_INT32 = 2_147_483_647;

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function parseOrg(value: string): string {
  if (typeof value !== 'string' || !ORG_PATTERN.test(value)) {
    throw new AltinnInputError({ code: 'invalidOrganisationCodeExpected2', args: [describe(value)] });
  }
  return value;
}

export function parseAppId(value: string): AppId {
  if (typeof value !== 'string') {
    throw new AltinnInputError({ code: 'invalidAppIdExpectedOrg', args: [describe(value)] });
  }
  const parts = value.trim().split('/');
  if (parts.length !== 2) {
    throw new AltinnInputError({ code: 'invalidAppIdExpectedOrg', args: [describe(value)] });
  }
  const [org, app] = parts;
  if (!ORG_PATTERN.test(org)) {
    throw new AltinnInputError({ code: 'invalidAppIdTheOrganisation', args: [describe(value), describe(org)] });
  }
  if (!APP_PATTERN.test(app)) {
    throw new AltinnInputError({ code: 'invalidAppIdTheApp', args: [describe(value), describe(app)] });
  }
  return { org, app };
}

export function formatAppId(appId: AppId): string {
  return `${appId.org}/${appId.app}`;
}

/** Accepts `AppId` objects too, re-checking them: callers may build them by hand. */
export function toAppId(value: AppId | string): AppId {
  return typeof value === 'string' ? parseAppId(value) : parseAppId(formatAppId(value));
}

export function parsePartyId(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > MAX_INT32) {
    throw new AltinnInputError({ code: 'invalidPartyIdExpectedA', args: [describe(value)] });
  }
  return Number(text);
}

export function parseGuid(value: string, what = 'id'): string {
  if (typeof value !== 'string' || !GUID_PATTERN.test(value.trim())) {
    throw new AltinnInputError({ code: 'invalidExpectedAGuidLike', args: [what, describe(value)] });
  }
  return value.trim().toLowerCase();
}

export function parseInstanceId(value: string): InstanceId {
  if (typeof value !== 'string') {
    throw new AltinnInputError({ code: 'invalidInstanceIdExpectedPartyid', args: [describe(value)] });
  }
  const parts = value.trim().split('/');
  if (parts.length !== 2) {
    throw new AltinnInputError({ code: 'invalidInstanceIdExample', args: [describe(value)] });
  }
  let partyId: number;
  try {
    partyId = parsePartyId(parts[0]);
  } catch {
    throw new AltinnInputError({ code: 'invalidInstanceIdTheParty', args: [describe(value), describe(parts[0])] });
  }
  if (!GUID_PATTERN.test(parts[1])) {
    throw new AltinnInputError({ code: 'invalidInstanceIdIsNot', args: [describe(value), describe(parts[1])] });
  }
  return { partyId, guid: parts[1].toLowerCase() };
}

export function formatInstanceId(id: InstanceId): string {
  return `${id.partyId}/${id.guid}`;
}

export function toInstanceId(value: InstanceId | string): InstanceId {
  return typeof value === 'string' ? parseInstanceId(value) : parseInstanceId(formatInstanceId(value));
}

export function resolveInstanceRef(ref: InstanceRef): ResolvedInstanceRef {
  if (!ref || typeof ref !== 'object') {
    throw new AltinnInputError({ code: 'anInstanceReferenceNeedsBoth' });
  }
  return { appId: toAppId(ref.appId), id: toInstanceId(ref.id) };
}

function mod11(digits: number[], weights: number[]): number | undefined {
  const sum = weights.reduce((acc, w, i) => acc + w * digits[i], 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/**
 * Norwegian national identity number (fødselsnummer, D-number, H-number and synthetic test
 * numbers): 11 digits, a plausible day and month, and both mod-11 check digits.
 */
export function isValidPersonNumber(value: string): boolean {
  if (typeof value !== 'string' || !/^[0-9]{11}$/.test(value)) return false;
  const d = [...value].map(Number);
  let day = d[0] * 10 + d[1];
  let month = d[2] * 10 + d[3];
  if (day > 40) day -= 40; // D-number
  if (month > 80) month -= 80; // synthetic (Tenor) test numbers
  else if (month > 40) month -= 40; // H-number / synthetic (NAV)
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  const k1 = mod11(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === undefined || k1 !== d[9]) return false;
  const k2 = mod11(d, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k2 !== undefined && k2 === d[10];
}

/** Norwegian organisation number: 9 digits, mod-11 check digit. */
export function isValidOrganisationNumber(value: string): boolean {
  if (typeof value !== 'string' || !/^[0-9]{9}$/.test(value)) return false;
  const d = [...value].map(Number);
  const k = mod11(d, [3, 2, 7, 6, 5, 4, 3, 2]);
  return k !== undefined && k === d[8];
}

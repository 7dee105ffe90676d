import * as vscode from 'vscode';
import type { AppId, Instance } from '../api';
import { appKey } from '../environments/pins';
import { maskPersonNumber } from '../util/ownerIds';
import { endOfDay } from './instanceQuery';
import { instanceState, maskOwnerIds, stateLabel, type InstanceState } from './instancePresentation';

/** Whether the app's owner org has confirmed an instance complete (Storage's `confirmed` column). */
export type Confirmation = 'confirmed' | 'notConfirmed';

/**
 * The instance filter (a kept search) of one app node. Dates are `YYYY-MM-DD`; `ownerNumber` is a person
 * (11 digits) or organisation (9 digits) number, sent as `X-Ai-InstanceOwnerIdentifier`.
 */
export interface InstanceFilter {
  readonly currentTask?: string;
  readonly state?: InstanceState;
  readonly ownerPartyId?: string;
  readonly ownerNumber?: string;
  readonly confirmation?: Confirmation;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly changedFrom?: string;
  readonly changedTo?: string;
  readonly searchString?: string;
}

/** The workspace-state key of the stored filters: one record keyed by `envId:org/app`. */
export const FILTERS_STATE_KEY = 'altinn.instanceFilters';

const STATES: readonly InstanceState[] = ['active', 'completed', 'archived', 'deleted', 'deletedPermanently'];
const CONFIRMATIONS: readonly Confirmation[] = ['confirmed', 'notConfirmed'];
const TEXT_FIELDS = ['currentTask', 'ownerPartyId', 'ownerNumber', 'createdFrom', 'createdTo', 'changedFrom', 'changedTo', 'searchString'] as const;

/**
 * Filters per app, kept in the workspace state so that they survive a restart; the app nodes show them
 * in their description. A cleared filter leaves no entry behind.
 */
export class FilterStore {
  private readonly filters: Map<string, InstanceFilter>;

  constructor(private readonly state: vscode.Memento) {
    this.filters = new Map(Object.entries(readStored(state.get<unknown>(FILTERS_STATE_KEY))).filter(([, f]) => !isEmpty(f)));
  }

  get(envId: string, appId: AppId): InstanceFilter {
    return this.filters.get(appKey(envId, appId)) ?? {};
  }

  /** Takes effect at once for the tree; resolves when the workspace state holds it. */
  async set(envId: string, appId: AppId, filter: InstanceFilter): Promise<void> {
    const key = appKey(envId, appId);
    if (isEmpty(filter)) {
      this.filters.delete(key);
    } else {
      this.filters.set(key, filter);
    }
    await this.state.update(FILTERS_STATE_KEY, this.filters.size > 0 ? Object.fromEntries(this.filters) : undefined);
  }
}

/** Stored state comes from an earlier version or a hand-edited database: keep only what a filter can hold. */
function readStored(stored: unknown): Record<string, InstanceFilter> {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return {};
  }
  const result: Record<string, InstanceFilter> = {};
  for (const [key, value] of Object.entries(stored as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    const raw = value as Record<string, unknown>;
    const filter: { -readonly [K in keyof InstanceFilter]: InstanceFilter[K] } = {};
    for (const field of TEXT_FIELDS) {
      const text = raw[field];
      if (typeof text === 'string') {
        filter[field] = text;
      }
    }
    if (STATES.includes(raw.state as InstanceState)) {
      filter.state = raw.state as InstanceState;
    }
    if (CONFIRMATIONS.includes(raw.confirmation as Confirmation)) {
      filter.confirmation = raw.confirmation as Confirmation;
    }
    result[key] = filter;
  }
  return result;
}

export function isEmpty(filter: InstanceFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '');
}

function range(from: string | undefined, to: string | undefined): string {
  return `${from ?? '…'} – ${to ?? '…'}`;
}

/** The filter in words; a person number in it is masked as in the rows (`altinn.maskOwnerIds`) unless `fullOwnerIds`. */
export function describeFilter(filter: InstanceFilter, fullOwnerIds = false): string {
  const parts: string[] = [];
  if (filter.state) {
    parts.push(stateLabel(filter.state));
  }
  if (filter.currentTask) {
    parts.push(filter.currentTask);
  }
  if (filter.ownerPartyId) {
    parts.push(vscode.l10n.t('party {0}', filter.ownerPartyId));
  }
  if (filter.ownerNumber) {
    parts.push(vscode.l10n.t('owner {0}', fullOwnerIds || !maskOwnerIds() ? filter.ownerNumber : maskPersonNumber(filter.ownerNumber)));
  }
  if (filter.confirmation) {
    parts.push(filter.confirmation === 'confirmed' ? vscode.l10n.t('confirmed') : vscode.l10n.t('not confirmed'));
  }
  if (filter.createdFrom || filter.createdTo) {
    parts.push(vscode.l10n.t('created {0}', range(filter.createdFrom, filter.createdTo)));
  }
  if (filter.changedFrom || filter.changedTo) {
    parts.push(vscode.l10n.t('changed {0}', range(filter.changedFrom, filter.changedTo)));
  }
  if (filter.searchString) {
    parts.push(`“${filter.searchString}”`);
  }
  return parts.join(' · ');
}

/** The end of a `YYYY-MM-DD` day, as the filters' "to" dates include the whole day. */
function within(value: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) {
    return true;
  }
  const at = value === undefined ? NaN : Date.parse(value);
  if (Number.isNaN(at)) {
    return false;
  }
  return (!from || at >= Date.parse(from)) && (!to || at <= Date.parse(endOfDay(to)));
}

/** `ILIKE '%text%'` as Storage matches `searchString`: `%` and `_` are wildcards, case does not matter. */
function ilikeContains(text: string): RegExp {
  const body = [...text].map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(body, 'is');
}

/**
 * Whether an instance the extension holds (created, opened or changed in this session) meets the filter, as
 * Storage would judge it (docs/altinn-behaviour.md §2.1): such instances are shown without asking Storage
 * again, and must not appear under a filter they do not meet.
 */
export function matchesFilter(instance: Instance, filter: InstanceFilter): boolean {
  const owner = instance.instanceOwner;
  const confirmed = (instance.completeConfirmations ?? []).some((c) => c.stakeholderId === instance.org);
  return (
    (!filter.state || instanceState(instance) === filter.state) &&
    (!filter.currentTask || instance.process?.currentTask?.elementId === filter.currentTask) &&
    (!filter.ownerPartyId || String(owner.partyId) === filter.ownerPartyId) &&
    (!filter.ownerNumber || owner.personNumber === filter.ownerNumber || owner.organisationNumber === filter.ownerNumber) &&
    (!filter.confirmation || confirmed === (filter.confirmation === 'confirmed')) &&
    within(instance.created, filter.createdFrom, filter.createdTo) &&
    within(instance.lastChanged, filter.changedFrom, filter.changedTo) &&
    (!filter.searchString || Object.values(instance.presentationTexts ?? {}).some((t) => ilikeContains(filter.searchString ?? '').test(t)))
  );
}

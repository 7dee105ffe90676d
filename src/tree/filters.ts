import * as vscode from 'vscode';
import type { AppId } from '../api';
import { appKey } from '../environments/pins';
import { stateLabel, type InstanceState } from './instancePresentation';

/** The instance filter of one app node. Dates are `YYYY-MM-DD`, matched against `lastChanged`. */
export interface InstanceFilter {
  readonly currentTask?: string;
  readonly state?: InstanceState;
  readonly ownerPartyId?: string;
  readonly changedFrom?: string;
  readonly changedTo?: string;
}

/** The workspace-state key of the stored filters: one record keyed by `envId:org/app`. */
export const FILTERS_STATE_KEY = 'altinn.instanceFilters';

const STATES: readonly InstanceState[] = ['active', 'completed', 'archived', 'deleted', 'deletedPermanently'];
const TEXT_FIELDS = ['currentTask', 'ownerPartyId', 'changedFrom', 'changedTo'] as const;

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
    result[key] = filter;
  }
  return result;
}

export function isEmpty(filter: InstanceFilter): boolean {
  return Object.values(filter).every((v) => v === undefined || v === '');
}

export function describeFilter(filter: InstanceFilter): string {
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
  if (filter.changedFrom || filter.changedTo) {
    parts.push(`${filter.changedFrom ?? '…'} – ${filter.changedTo ?? '…'}`);
  }
  return parts.join(' · ');
}

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

/** Filters per app, kept for the session; the app nodes show them in their description. */
export class FilterStore {
  private readonly filters = new Map<string, InstanceFilter>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get(envId: string, appId: AppId): InstanceFilter {
    return this.filters.get(appKey(envId, appId)) ?? {};
  }

  set(envId: string, appId: AppId, filter: InstanceFilter): void {
    const key = appKey(envId, appId);
    if (isEmpty(filter)) {
      this.filters.delete(key);
    } else {
      this.filters.set(key, filter);
    }
    this.changed.fire(key);
  }

  dispose(): void {
    this.changed.dispose();
  }
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

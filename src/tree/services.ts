import * as vscode from 'vscode';
import type { Application } from '../api';
import type { Identity } from '../session';
import type { AltinnAuth } from '../auth/types';
import type { EnvironmentRegistry } from '../environments/registry';
import type { PinStore } from '../environments/pins';
import type { Prompts } from '../util/prompts';
import type { FilterStore } from './filters';
import type { OwnerNames } from './ownerNames';

/** Who is signed in to an environment, as auth reports it. */
export type TreeIdentity = Identity;

/** The part of auth the tree and commands rely on. */
export type AuthView = Pick<AltinnAuth, 'getToken' | 'getIdentity' | 'onDidChange'>;

/** Everything the nodes need, passed down instead of reached for. */
export interface TreeServices {
  readonly registry: EnvironmentRegistry;
  readonly auth: AuthView;
  readonly pins: PinStore;
  readonly filters: FilterStore;
  readonly applications: ApplicationCache;
  readonly ownerNames: OwnerNames;
  /** Where the tree tells the user something (a refresh that failed). */
  readonly prompts: Prompts;
}

/** Storage `applications` per environment: anonymous, changes rarely, asked for by many nodes. */
export class ApplicationCache {
  private readonly cache = new Map<string, Promise<Application[]>>();

  constructor(private readonly registry: EnvironmentRegistry) {}

  list(envId: string): Promise<Application[]> {
    let apps = this.cache.get(envId);
    if (!apps) {
      apps = this.registry.client(envId).apps.list();
      apps.catch(() => this.cache.delete(envId));
      this.cache.set(envId, apps);
    }
    return apps;
  }

  async find(envId: string, appId: string): Promise<Application | undefined> {
    return (await this.list(envId)).find((a) => a.id === appId);
  }

  clear(envId?: string): void {
    if (envId === undefined) {
      this.cache.clear();
    } else {
      this.cache.delete(envId);
    }
  }
}

export function pageSize(): number {
  const size = vscode.workspace.getConfiguration('altinn').get<number>('instancesPageSize', 100);
  return Number.isInteger(size) && size > 0 ? size : 100;
}

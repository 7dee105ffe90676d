import type { AltinnClient, AppId, Instance } from '../api';
import type { InstanceFilter } from './filters';

export interface PageRequest {
  appId?: AppId;
  partyId?: string;
  filter: InstanceFilter;
  size: number;
  continuationToken?: string;
  /** Off when only the instances themselves matter: their data elements make pages much larger. */
  includeDataElements?: boolean;
  signal?: AbortSignal;
}

export interface InstancePage {
  instances: Instance[];
  continuationToken?: string;
}

/** One page of Storage's instance query (docs/altinn-behaviour.md §2.1) for the tree's filter. */
export async function fetchInstancePage(client: AltinnClient, request: PageRequest): Promise<InstancePage> {
  const response = await client.instances.query(toQuery(request), { signal: request.signal });
  return { instances: response.instances, continuationToken: continuationTokenOf(response.next) };
}

function toQuery(request: PageRequest) {
  const { filter } = request;
  const lastChanged: string[] = [];
  if (filter.changedFrom) {
    lastChanged.push(`gte:${filter.changedFrom}`);
  }
  if (filter.changedTo) {
    lastChanged.push(`lte:${filter.changedTo}T23:59:59Z`);
  }
  return {
    appId: request.appId,
    instanceOwnerPartyId: request.partyId ?? filter.ownerPartyId,
    currentTask: filter.currentTask,
    isComplete: filter.state === 'active' ? false : filter.state === 'completed' ? true : undefined,
    isArchived: filter.state === 'archived' ? true : undefined,
    isSoftDeleted: filter.state === 'deleted' ? true : filter.state === 'active' ? false : undefined,
    // Hard-deleted instances wait for Storage's cleanup and cannot be restored: only asked for, never mixed
    // in. Storage lists them to service owners alone (InstancesController.ApplyHardDeleteFilter, docs/altinn-behaviour.md §2.1).
    isHardDeleted: filter.state === 'deletedPermanently',
    lastChanged: lastChanged.length ? lastChanged : undefined,
    size: request.size,
    continuationToken: request.continuationToken,
    includeDataElements: request.includeDataElements,
  };
}

/** Storage sends the token inside the `next` URL; `next` is there only while more may follow. */
export function continuationTokenOf(next: string | undefined): string | undefined {
  if (!next) {
    return undefined;
  }
  try {
    return new URL(next).searchParams.get('continuationToken') ?? undefined;
  } catch {
    return undefined;
  }
}

import type { AltinnClient, AppId, Instance, InstanceOwnerIdentifier, InstanceFilter as InstanceQuery } from '../api';
import type { InstanceFilter } from './filters';
import type { InstanceState } from './instancePresentation';

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

function dateRange(from: string | undefined, to: string | undefined): string[] | undefined {
  const range = [...(from ? [`gte:${from}`] : []), ...(to ? [`lte:${endOfDay(to)}`] : [])];
  return range.length ? range : undefined;
}

/** Person numbers have 11 digits, organisation numbers 9 (docs/altinn-behaviour.md §2.1, `X-Ai-InstanceOwnerIdentifier`). */
function ownerIdentifier(number: string | undefined): InstanceOwnerIdentifier | undefined {
  if (!number) {
    return undefined;
  }
  return number.length === 11 ? { personNumber: number } : { organisationNumber: number };
}

/**
 * Each state asks for exactly the instances `instanceState` gives that state: the status flags are not
 * exclusive in Storage (an archived instance may also be soft-deleted, a hard-deleted one is soft-deleted
 * too, an ended one is usually archived), so every state pins the flags of the states before it.
 * Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs IsArchived, IsSoftDeleted, IsHardDeleted,
 * ProcessIsComplete (docs/altinn-behaviour.md §2.1).
 */
function stateFlags(state: InstanceState | undefined) {
  switch (state) {
    case 'active':
      return { isComplete: false, isArchived: false, isSoftDeleted: false, isHardDeleted: false };
    case 'completed':
      return { isComplete: true, isArchived: false, isSoftDeleted: false, isHardDeleted: false };
    case 'archived':
      return { isArchived: true, isSoftDeleted: false, isHardDeleted: false };
    case 'deleted':
      return { isSoftDeleted: true, isHardDeleted: false };
    case 'deletedPermanently':
      // Hard-deleted instances wait for Storage's cleanup and cannot be restored: only asked for, never mixed
      // in. Storage lists them to service owners alone (InstancesController.ApplyHardDeleteFilter, docs/altinn-behaviour.md §2.1).
      return { isHardDeleted: true };
    default:
      return { isHardDeleted: false };
  }
}

function toQuery(request: PageRequest): InstanceQuery {
  const { filter } = request;
  return {
    appId: request.appId,
    instanceOwnerPartyId: request.partyId ?? filter.ownerPartyId,
    instanceOwner: ownerIdentifier(filter.ownerNumber),
    currentTask: filter.currentTask,
    ...stateFlags(filter.state),
    // `confirmed` is the app owner's own confirmation; excluding the owner org means "not confirmed by it".
    // Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs GetConfirmed (docs/altinn-behaviour.md §2.1)
    confirmed: filter.confirmation === 'confirmed' ? true : undefined,
    excludeConfirmedBy: filter.confirmation === 'notConfirmed' ? request.appId?.org : undefined,
    created: dateRange(filter.createdFrom, filter.createdTo),
    lastChanged: dateRange(filter.changedFrom, filter.changedTo),
    searchString: filter.searchString,
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

/** The last moment of a YYYY-MM-DD day, for an inclusive upper bound. */
export function endOfDay(date: string): string {
  return `${date}T23:59:59.999Z`;
}

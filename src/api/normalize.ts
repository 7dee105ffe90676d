// One Instance shape for the whole product, whichever service sent it (altinn-api.md §2: Storage
// omits nulls and writes readStatus as a string; the App API writes nulls and readStatus 0|1|2).
import type { AppInstance, DataElement, Instance, QueryResponse, ReadStatus, StorageInstance } from './models';

const READ_STATUS_BY_NUMBER: readonly ReadStatus[] = ['Unread', 'Read', 'UpdatedSinceLastReview'];

/** Deep copy without `null` members (and without nulls inside arrays of objects). */
export function dropNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map((v) => dropNulls(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== null && v !== undefined) out[key] = dropNulls(v);
    }
    return out as T;
  }
  return value;
}

export function normalizeReadStatus(value: unknown): ReadStatus | undefined {
  if (typeof value === 'number') return READ_STATUS_BY_NUMBER[value];
  if (typeof value === 'string') {
    const match = READ_STATUS_BY_NUMBER.find((s) => s.toLowerCase() === value.toLowerCase());
    return match;
  }
  return undefined;
}

export function normalizeInstance(wire: StorageInstance | AppInstance): Instance {
  const instance = dropNulls(wire) as unknown as Instance & { instanceOwner: { partyId: string | number } };
  if (instance.instanceOwner && instance.instanceOwner.partyId !== undefined) {
    instance.instanceOwner.partyId = String(instance.instanceOwner.partyId);
  }
  if (instance.status) {
    const readStatus = normalizeReadStatus((wire.status as { readStatus?: unknown } | null)?.readStatus);
    if (readStatus) instance.status.readStatus = readStatus;
    else delete instance.status.readStatus;
  }
  return instance as Instance;
}

export function normalizeDataElement(wire: DataElement): DataElement {
  return dropNulls(wire);
}

export function normalizeQueryResponse(wire: QueryResponse): QueryResponse {
  const instances = Array.isArray(wire.instances) ? wire.instances.map(normalizeInstance) : [];
  const out: QueryResponse = { count: typeof wire.count === 'number' ? wire.count : instances.length, instances };
  if (wire.self) out.self = wire.self;
  if (wire.next) out.next = wire.next;
  return out;
}

// One Instance shape for the whole product, whichever service sent it (docs/altinn-behaviour.md §2: Storage
// omits nulls and writes readStatus as a string; the App API writes nulls and readStatus 0|1|2).
import type { AppInstance, DataElement, Instance, QueryResponse, ReadStatus, StorageInstance } from './models';

const READ_STATUS_BY_NUMBER: readonly ReadStatus[] = ['Unread', 'Read', 'UpdatedSinceLastReview'];

/**
 * Removes `null` members (and nulls inside arrays) in place and returns the value: every caller passes a
 * body it has just parsed. In place because a deep copy of each instance was most of the client-side cost
 * of listing 10,000 instances (BENCHMARKS.md, figure 3), and Storage bodies carry no nulls at all.
 */
export function dropNulls<T>(value: T): T {
  if (Array.isArray(value)) {
    const items = value.includes(null) ? value.filter((v) => v !== null) : value;
    for (let i = 0; i < items.length; i++) {
      if (items[i] !== null && typeof items[i] === 'object') items[i] = dropNulls(items[i]);
    }
    return items as T;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      if (v === null || v === undefined) delete record[key];
      else if (typeof v === 'object') record[key] = dropNulls(v);
    }
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

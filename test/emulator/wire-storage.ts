// Storage wire format (docs/altinn-behaviour.md §2): Newtonsoft, camelCase, nulls omitted, `readStatus` as a string.
// Records keep absent members `undefined`, so JSON.stringify is the whole serializer. An instance's UTF-8
// text is cached until it changes, so a query page is a list of cached pieces.
import type { InstanceRecord } from './types';

export function storageInstanceJson(rec: InstanceRecord): Buffer {
  if (rec.storageJson === undefined) rec.storageJson = Buffer.from(JSON.stringify(rec.wire), 'utf8');
  return rec.storageJson;
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/**
 * An instance as a query page shows it: `includeDataElements=false` leaves `data` empty (the SQL skips the
 * join). Altinn/altinn-storage src/Storage/Repository/PgInstanceRepository.cs GetInstancesInternal
 */
export function storageQueryInstanceJson(rec: InstanceRecord, includeData: boolean): Buffer {
  return includeData ? storageInstanceJson(rec) : Buffer.from(JSON.stringify({ ...rec.wire, data: [] }), 'utf8');
}

/**
 * `QueryResponse` as byte pieces: the cached instance texts themselves, ready for one Buffer.concat.
 * QueryResponse<T> has no null handling of its own and Storage's Newtonsoft keeps nulls, so an absent
 * `next` (or `self`) is written as null (Altinn/altinn-storage src/Storage/Helpers/QueryResponse.cs, Program.cs AddNewtonsoftJson).
 */
export function storageQueryResponsePieces(instances: Buffer[], self: string | undefined, next: string | undefined): Buffer[] {
  const head = `{"count":${instances.length},"self":${self === undefined ? 'null' : JSON.stringify(self)},"next":${next === undefined ? 'null' : JSON.stringify(next)},"instances":[`;
  const parts: Buffer[] = [Buffer.from(head, 'utf8')];
  for (let i = 0; i < instances.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(instances[i]);
  }
  parts.push(CLOSE);
  return parts;
}

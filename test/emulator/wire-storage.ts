// Storage wire format (altinn-api.md §2): Newtonsoft, camelCase, nulls omitted, `readStatus` as a string.
// Records keep absent members `undefined`, so JSON.stringify is the whole serializer. An instance's UTF-8
// text is cached until it changes, so a query page is a list of cached pieces.
import type { InstanceRecord } from './types';

export function storageInstanceJson(rec: InstanceRecord): Buffer {
  if (rec.storageJson === undefined) rec.storageJson = Buffer.from(JSON.stringify(rec.wire), 'utf8');
  return rec.storageJson;
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

/** `QueryResponse` as byte pieces: the cached instance texts themselves, ready for one Buffer.concat. */
export function storageQueryResponsePieces(records: InstanceRecord[], self: string, next: string | undefined): Buffer[] {
  let head = `{"count":${records.length},"self":${JSON.stringify(self)}`;
  if (next !== undefined) head += `,"next":${JSON.stringify(next)}`;
  head += ',"instances":[';
  const parts: Buffer[] = [Buffer.from(head, 'utf8')];
  for (let i = 0; i < records.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(storageInstanceJson(records[i]));
  }
  parts.push(CLOSE);
  return parts;
}

// Where each exported item goes: <out>/<partyId>/<instanceGuid>/instance.json and
// <out>/<partyId>/<instanceGuid>/<dataId>-<name>. The data id keeps names unique; the rest of the
// name only helps a person, and is cleaned because file names come from whoever uploaded them.
import type { DataElement } from '../../api';

const EXTENSIONS: Record<string, string> = {
  'application/xml': '.xml',
  'text/xml': '.xml',
  'application/json': '.json',
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/zip': '.zip',
};

export function instanceFolder(instanceId: string): string {
  const [partyId, guid] = instanceId.split('/');
  return `${partyId}/${guid}`;
}

export function instanceDocumentPath(instanceId: string): string {
  return `${instanceFolder(instanceId)}/instance.json`;
}

/** Letters, digits, `.`, `-`, `_` only; no leading dot; at most 100 characters. */
export function safeName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return cleaned === '' ? 'file' : cleaned;
}

export function dataFilePath(instanceId: string, element: DataElement): string {
  const type = (element.contentType ?? '').split(';')[0].trim().toLowerCase();
  const name = element.filename ? safeName(element.filename) : `${safeName(element.dataType)}${EXTENSIONS[type] ?? '.bin'}`;
  return `${instanceFolder(instanceId)}/${element.id}-${name}`;
}

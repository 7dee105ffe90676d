import * as vscode from 'vscode';
import { formatAppId, formatInstanceId, parseAppId, parseGuid, parsePartyId, type AppId, type InstanceId } from '../api';

export const ALTINN_SCHEME = 'altinn';

/** Everything needed to find one data element again: `altinn://<envId>/<org>/<app>/<partyId>/<instanceGuid>/<dataGuid>/<fileName>`. */
export interface DataRef {
  readonly envId: string;
  readonly appId: AppId;
  readonly instanceId: InstanceId;
  readonly dataId: string;
  /** Decides the language mode and the image preview; not sent to Altinn. */
  readonly fileName: string;
}

export function dataUri(ref: DataRef): vscode.Uri {
  const segments = [ref.appId.org, ref.appId.app, String(ref.instanceId.partyId), ref.instanceId.guid, ref.dataId, ref.fileName];
  return vscode.Uri.from({
    scheme: ALTINN_SCHEME,
    authority: encodeURIComponent(ref.envId),
    path: '/' + segments.map(encodeURIComponent).join('/'),
  });
}

/** Parses an `altinn:` URI; anything malformed is "not found", never a request. */
export function parseDataUri(uri: vscode.Uri): DataRef {
  const parts = uri.path.split('/').slice(1).map(safeDecode);
  if (uri.scheme !== ALTINN_SCHEME || parts.length !== 6 || !uri.authority) {
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  try {
    const [org, app, partyId, guid, dataId, fileName] = parts;
    return {
      envId: safeDecode(uri.authority),
      appId: parseAppId(`${org}/${app}`),
      instanceId: { partyId: parsePartyId(partyId), guid: parseGuid(guid, 'instance id') },
      dataId: parseGuid(dataId, 'data element id'),
      fileName,
    };
  } catch {
    throw vscode.FileSystemError.FileNotFound(uri);
  }
}

/** The key under which state about one element is kept, independent of the file name shown. */
export function elementKey(ref: DataRef): string {
  return `${ref.envId}|${formatAppId(ref.appId)}|${formatInstanceId(ref.instanceId)}|${ref.dataId}`;
}

/** The element key of an `altinn:` URI, or '' for a URI that names no element. */
export function elementKeyOf(uri: vscode.Uri): string {
  try {
    return elementKey(parseDataUri(uri));
  } catch {
    return '';
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

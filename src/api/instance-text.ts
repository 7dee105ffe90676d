// "Which instance?" as people write it: the one parser behind Go to instance, every command that asks for an
// instance, and the CLI's instance arguments (test/unit/instanceText.test.ts).
import { parseAppId, parseInstanceId, type AppId } from './ids';

/**
 * What a text names: a whole instance id (`partyId/guid`, maybe with its app), a bare guid (Storage can read
 * an instance by guid alone), or the start of a guid, as the tree's short id shows it.
 */
export type InstanceText =
  | { readonly kind: 'id'; readonly instanceId: string; readonly appId?: AppId }
  | { readonly kind: 'guid'; readonly guid: string; readonly appId?: AppId }
  | { readonly kind: 'prefix'; readonly prefix: string };

/** The tree shows the first 8 characters of the guid; fewer would match too much. */
export const MIN_PREFIX = 8;

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const GUID_ONLY = new RegExp(`^${GUID}$`, 'i');
const PREFIX = /^[0-9a-f]{8}[0-9a-f-]{0,27}$/i;
/** `org/app/partyId/guid` typed by hand. */
const FULL = new RegExp(`^([a-z0-9]+)/([a-z0-9_-]+)/(\\d+)/(${GUID})$`, 'i');
const PARTY_GUID = new RegExp(`^(\\d+)/(${GUID})$`, 'i');
/**
 * In a URL's path (the hash route joined on): `/{org}/{app}/instances/{partyId}/{guid}` (App API),
 * `/{org}/{app}/#/instance/{partyId}/{guid}/…` (the app's own UI, app-frontend's hash route; Altinn/altinn-studio
 * src/App/frontend/src/routesBuilder.ts, Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/SelfLinkHelper.cs
 * BuildFrontendSelfLink), `/storage/api/v1/instances/{partyId}/{guid}` and `/storage/api/v1/instances/{guid}`
 * (Storage, docs/altinn-behaviour.md §2.2).
 */
const URL_ID = new RegExp(`(?:^|/)(?:([a-z0-9]+)/([a-z0-9_-]+)/)?instances?/(?:(\\d+)/)?(${GUID})(?:/|$)`, 'i');

/** Reads what the text names, or undefined when it names no instance. */
export function parseInstanceText(text: string): InstanceText | undefined {
  const value = text.trim().replace(/^["'<]+|["'>]+$/g, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return fromUrl(value);
  }
  if (GUID_ONLY.test(value)) {
    return { kind: 'guid', guid: value.toLowerCase() };
  }
  if (PREFIX.test(value)) {
    return { kind: 'prefix', prefix: value.toLowerCase() };
  }
  const full = FULL.exec(value);
  if (full) {
    return withId(full[3], full[4], appIdOf(full[1], full[2]));
  }
  const short = PARTY_GUID.exec(value);
  return short ? withId(short[1], short[2], undefined) : undefined;
}

function fromUrl(value: string): InstanceText | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol === 'altinn:') {
    // An editor's address: altinn://{envId}/{org}/{app}/{partyId}/{guid}/… (src/fs/dataUri.ts).
    const [org, app, partyId, guid] = url.pathname.split('/').slice(1);
    return partyId && guid ? withId(partyId, guid, appIdOf(org, app)) : undefined;
  }
  const path = `${url.pathname}/${url.hash.replace(/^#\/?/, '')}`.replace(/\/{2,}/g, '/');
  const match = URL_ID.exec(path);
  if (!match) {
    return undefined;
  }
  // Storage's path has `api/v1` where an app's has `{org}/{app}`.
  const appId = match[1] && match[1].toLowerCase() !== 'api' ? appIdOf(match[1], match[2]) : undefined;
  if (!match[3]) {
    return { kind: 'guid', guid: match[4].toLowerCase(), appId };
  }
  return withId(match[3], match[4], appId);
}

function withId(partyId: string, guid: string, appId: AppId | undefined): InstanceText | undefined {
  try {
    const id = parseInstanceId(`${partyId}/${guid}`);
    return { kind: 'id', instanceId: `${id.partyId}/${id.guid}`, appId };
  } catch {
    return undefined;
  }
}

function appIdOf(org: string, app: string): AppId | undefined {
  try {
    return parseAppId(`${org}/${app}`);
  } catch {
    return undefined;
  }
}

/** Whether an instance id (`partyId/guid`) is the one the text names by its guid or the guid's start. */
export function matchesGuid(instanceId: string, named: InstanceText): boolean {
  const guid = instanceId.slice(instanceId.indexOf('/') + 1).toLowerCase();
  switch (named.kind) {
    case 'id':
      return instanceId.toLowerCase() === named.instanceId;
    case 'guid':
      return guid === named.guid;
    case 'prefix':
      return guid.startsWith(named.prefix);
  }
}

/** For messages: the id, guid or guid start the text named. */
export function namedPart(named: InstanceText): string {
  return named.kind === 'id' ? named.instanceId : named.kind === 'guid' ? named.guid : named.prefix;
}

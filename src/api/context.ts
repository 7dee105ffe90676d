import type { Environment } from './environments';
import type { HttpClient } from './http';
import { type AppId, formatInstanceId, type InstanceId, type InstanceRef, resolveInstanceRef, toInstanceId } from './ids';
import { joinUrl } from './urls';

/** Every operation takes this as its last argument. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** What the API areas share: the environment and the HTTP client. */
export interface ApiContext {
  readonly environment: Environment;
  readonly http: HttpClient;
}

/** `{appBase}/instances/{partyId}/{guid}` plus more segments. */
export function appInstanceUrl(ctx: ApiContext, ref: InstanceRef, ...rest: (string | number)[]): string {
  const { appId, id } = resolveInstanceRef(ref);
  return joinUrl(ctx.environment.appBaseUrl(appId), 'instances', id.partyId, id.guid, ...rest);
}

export function appUrl(ctx: ApiContext, appId: AppId | string, ...rest: (string | number)[]): string {
  return joinUrl(ctx.environment.appBaseUrl(appId), ...rest);
}

/** Accepts an instance id, its text form, or anything with an `id` (an Instance, an InstanceRef). */
export type InstanceIdLike = InstanceId | string | InstanceRef;

export function instanceIdOf(value: InstanceIdLike): InstanceId {
  if (value && typeof value === 'object' && 'appId' in value) return toInstanceId(value.id);
  return toInstanceId(value as InstanceId | string);
}

/** `{storage}/instances/{partyId}/{guid}` plus more segments. */
export function storageInstanceUrl(ctx: ApiContext, value: InstanceIdLike, ...rest: (string | number)[]): string {
  const id = instanceIdOf(value);
  return joinUrl(ctx.environment.storageUrl, 'instances', id.partyId, id.guid, ...rest);
}

export function describeInstance(value: InstanceIdLike): string {
  return formatInstanceId(instanceIdOf(value));
}

// Raw HTTP helpers for the emulator's own tests: fetch against an in-process emulator, no src/api.
import type { Emulator } from './index';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (throws if the body is not JSON). */
  json<T = Record<string, unknown>>(): T;
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export async function call(emu: Emulator, method: string, path: string, o: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  const res = await fetch(`${emu.url}${path}`, { method, headers, body: o.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export const ORG_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';

export async function userToken(emu: Emulator, userId = 1337): Promise<string> {
  return (await call(emu, 'GET', `/Home/GetTestUserToken/${userId}`)).text;
}

export async function orgToken(emu: Emulator, org = 'ttd', scopes = ORG_SCOPES): Promise<string> {
  const orgNumber = org === 'ttd' ? '405003309' : '991825827';
  return (await call(emu, 'GET', `/Home/GetTestOrgToken/${org}?orgNumber=${orgNumber}&scopes=${encodeURIComponent(scopes)}`)).text;
}

export interface AppInstance {
  id: string;
  lastChanged: string;
  data: Array<{ id: string; dataType: string; locked: boolean }>;
  process: { currentTask: { elementId: string } | null; ended: string | null };
  status: { isArchived: boolean; readStatus: number };
}

/** Creates an instance through the App API as `token`'s user for `partyId`. */
export async function createInstance(emu: Emulator, token: string, appId = 'ttd/building-permit', partyId = 501337): Promise<AppInstance> {
  const r = await call(emu, 'POST', `/${appId}/instances?instanceOwnerPartyId=${partyId}`, { token });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${r.text}`);
  return r.json<AppInstance>();
}

export function formElement(inst: AppInstance, dataType = 'model'): string {
  const el = inst.data.find((d) => d.dataType === dataType);
  if (!el) throw new Error(`no ${dataType} element`);
  return el.id;
}

export async function putForm(emu: Emulator, token: string, appId: string, inst: AppInstance, values: Record<string, unknown>,
  dataType = 'model'): Promise<Reply> {
  return call(emu, 'PUT', `/${appId}/instances/${inst.id}/data/${formElement(inst, dataType)}`, {
    token, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(values),
  });
}

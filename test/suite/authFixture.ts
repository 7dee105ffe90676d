// Shared by the auth suites: the extension's API, emulator environments and a request counter at the
// emulator's socket. Prompts: scriptedPrompts.ts.
import * as assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as vscode from 'vscode';
import type { EnvironmentSetting } from '../../src/environments/registry';
import type { AltinnExplorerApi } from '../../src/extension';

export const EXTENSION_ID = 'altinn-explorer.altinn-explorer';
export const SERVICE_OWNER_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';

export async function extensionApi(): Promise<AltinnExplorerApi> {
  const ext = vscode.extensions.getExtension<AltinnExplorerApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the host`);
  return ext.activate();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds; fails the test with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function addEmulatorEnvironment(api: AltinnExplorerApi, setting: Omit<EnvironmentSetting, 'kind' | 'name'> & { name?: string }): Promise<void> {
  await api.registry.add({ name: `Auth test ${setting.id}`, kind: 'emulator', ...setting });
  await waitFor(() => api.registry.get(setting.id)?.environment !== undefined, `environment ${setting.id} in the registry`);
}

export async function removeEnvironment(api: AltinnExplorerApi, envId: string): Promise<void> {
  if (api.auth.getIdentity(envId)) await api.auth.signOut(envId);
  await api.registry.remove(envId);
  await waitFor(() => api.registry.get(envId) === undefined, `environment ${envId} gone`);
}

export interface SeenRequest {
  method: string;
  path: string;
  status?: number;
  authorization?: string;
}

/**
 * Every request that reached the emulator's port, seen at its server socket (node:diagnostics_channel),
 * so counts are the emulator's, not the client's idea of what it sent.
 */
export class EmulatorTraffic implements vscode.Disposable {
  readonly requests: SeenRequest[] = [];
  private readonly onStart = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.socket.localPort !== this.port) return;
    const seen: SeenRequest = { method: request.method ?? '', path: (request.url ?? '').split('?')[0], authorization: request.headers.authorization };
    this.requests.push(seen);
    response.once('finish', () => (seen.status = response.statusCode));
  };

  constructor(private readonly port: number) {
    subscribe('http.server.request.start', this.onStart);
  }

  static forUrl(url: string): EmulatorTraffic {
    return new EmulatorTraffic(Number(new URL(url).port));
  }

  /** Requests to token endpoints (test tokens, Maskinporten, exchange, refresh). */
  tokenRequests(): SeenRequest[] {
    return this.requests.filter((r) => /^\/(Home\/GetTest|Home\/auth\/|maskinporten\/token|authentication\/api\/v1\/(exchange|refresh))/.test(r.path));
  }

  count(pattern: RegExp): number {
    return this.requests.filter((r) => pattern.test(r.path)).length;
  }

  clear(): void {
    this.requests.length = 0;
  }

  dispose(): void {
    unsubscribe('http.server.request.start', this.onStart);
  }
}

/** A JWT's payload, read in the test without the code under test. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

// The extension's side of session storage: one SecretStorage secret per environment, so other windows see
// every change. The session's shape and its reading are the session core's (src/session/stored.ts).
import type * as vscode from 'vscode';
import type { SecretBackend } from '../session';

const PREFIX = 'altinn.auth/';

export function secretKey(envId: string): string {
  return PREFIX + envId;
}

export function envIdOfSecretKey(key: string): string | undefined {
  return key.startsWith(PREFIX) ? key.slice(PREFIX.length) : undefined;
}

/** SecretStorage as the session core's backend, keyed by environment id. */
export function secretStorageBackend(secrets: vscode.SecretStorage): SecretBackend {
  return {
    get: (envId) => secrets.get(secretKey(envId)),
    set: (envId, value) => secrets.store(secretKey(envId), value),
    delete: (envId) => secrets.delete(secretKey(envId)),
  };
}

/** Calls `listener` with the environment id whenever any window changes a session. */
export function onDidChangeSession(secrets: vscode.SecretStorage, listener: (envId: string) => void): vscode.Disposable {
  return secrets.onDidChange((e) => {
    const envId = envIdOfSecretKey(e.key);
    if (envId !== undefined) listener(envId);
  });
}

import type * as vscode from 'vscode';
import type { Environment } from '../api';
import type { SignInMethod } from './claims';

/** How to get a new Altinn token for a session without asking the user. */
export type Credentials =
  /** A pasted Altinn token or one exchanged from ID-porten: renewed through `/authentication/api/v1/refresh`. */
  | { readonly method: 'token' | 'idporten' }
  | {
      readonly method: 'maskinporten';
      readonly clientId: string;
      readonly keyId?: string;
      readonly scopes: string;
      /** PEM or JWK JSON. Lives only here, in SecretStorage. */
      readonly privateKey: string;
    }
  | { readonly method: 'testUser'; readonly userId: number }
  | { readonly method: 'testOrg'; readonly org: string; readonly orgNumber: string; readonly scopes?: string };

/** One environment's session as kept in SecretStorage. */
export interface StoredSession {
  readonly version: 1;
  /** Which environment the token is for ({@link environmentBinding}); a token never goes to another one. */
  readonly environment: string;
  readonly token: string;
  /** Epoch ms when this token was received. */
  readonly obtainedAt: number;
  readonly credentials: Credentials;
}

/**
 * Where the environment sends tokens. An environment removed from the settings and added again under
 * the same id but another URL must not inherit the old session.
 */
export function environmentBinding(environment: Environment): string {
  return `${environment.kind} ${environment.platformUrl} ${environment.appBaseUrl({ org: 'org', app: 'app' })}`;
}

const PREFIX = 'altinn.auth/';

export function secretKey(envId: string): string {
  return PREFIX + envId;
}

export function envIdOfSecretKey(key: string): string | undefined {
  return key.startsWith(PREFIX) ? key.slice(PREFIX.length) : undefined;
}

const METHODS: readonly SignInMethod[] = ['token', 'maskinporten', 'idporten', 'testUser', 'testOrg'];

function isStoredSession(v: unknown): v is StoredSession {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const c = o.credentials as Record<string, unknown> | undefined;
  return (
    o.version === 1 &&
    typeof o.environment === 'string' &&
    typeof o.token === 'string' &&
    typeof o.obtainedAt === 'number' &&
    typeof c === 'object' &&
    c !== null &&
    METHODS.includes(c.method as SignInMethod)
  );
}

/** Sessions in SecretStorage, one secret per environment, so other windows see every change. */
export class SessionStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async read(envId: string): Promise<StoredSession | undefined> {
    const raw = await this.secrets.get(secretKey(envId));
    if (raw === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      return isStoredSession(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async exists(envId: string): Promise<boolean> {
    return (await this.secrets.get(secretKey(envId))) !== undefined;
  }

  write(envId: string, session: StoredSession): Thenable<void> {
    return this.secrets.store(secretKey(envId), JSON.stringify(session));
  }

  delete(envId: string): Thenable<void> {
    return this.secrets.delete(secretKey(envId));
  }

  onDidChange(listener: (envId: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      const envId = envIdOfSecretKey(e.key);
      if (envId !== undefined) listener(envId);
    });
  }
}

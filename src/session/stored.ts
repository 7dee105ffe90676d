// One environment's session as it is kept between runs, in SecretStorage (extension) or the OS keychain
// (CLI), and the store that reads and writes it through either.
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
      /** PEM or JWK JSON. Lives only here, in the secret store. */
      readonly privateKey: string;
    }
  | { readonly method: 'testUser'; readonly userId: number }
  | { readonly method: 'testOrg'; readonly org: string; readonly orgNumber?: string; readonly scopes?: string };

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
 * Where the environment sends tokens. An environment removed and added again under the same id but
 * another URL must not inherit the old session.
 */
export function environmentBinding(environment: Environment): string {
  return `${environment.kind} ${environment.platformUrl} ${environment.appBaseUrl({ org: 'org', app: 'app' })}`;
}

export function newStoredSession(environment: Environment, token: string, credentials: Credentials, obtainedAt: number): StoredSession {
  return { version: 1, environment: environmentBinding(environment), token: token.trim(), obtainedAt, credentials };
}

const METHODS: readonly SignInMethod[] = ['token', 'maskinporten', 'idporten', 'testUser', 'testOrg'];

function validCredentials(c: Record<string, unknown>): boolean {
  const text = (k: string) => typeof c[k] === 'string';
  const optionalText = (k: string) => c[k] === undefined || text(k);
  switch (c.method) {
    case 'maskinporten':
      return text('clientId') && text('scopes') && text('privateKey') && optionalText('keyId');
    case 'testUser':
      return typeof c.userId === 'number';
    case 'testOrg':
      return text('org') && optionalText('orgNumber') && optionalText('scopes');
    default:
      return METHODS.includes(c.method as SignInMethod);
  }
}

/**
 * A stored session, or undefined for anything else (treated as signed out). Reads both shapes written
 * before the two copies became one: the extension's (`environment`) and the CLI's, which named the
 * binding `binding`; the next write stores the common shape.
 */
export function parseStoredSession(raw: string | undefined): StoredSession | undefined {
  if (raw === undefined) return undefined;
  let o: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    o = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const binding = typeof o.environment === 'string' ? o.environment : o.binding;
  const c = o.credentials;
  const valid =
    o.version === 1 &&
    typeof binding === 'string' &&
    typeof o.token === 'string' &&
    typeof o.obtainedAt === 'number' &&
    typeof c === 'object' &&
    c !== null &&
    validCredentials(c as Record<string, unknown>);
  if (!valid) return undefined;
  return { version: 1, environment: binding, token: o.token as string, obtainedAt: o.obtainedAt as number, credentials: c as Credentials };
}

/** Secrets by name: VS Code's SecretStorage or the OS keychain. */
export interface SecretBackend {
  get(key: string): PromiseLike<string | undefined>;
  set(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<unknown>;
}

/** Sessions by environment id, one secret each. */
export class SessionStore {
  constructor(private readonly secrets: SecretBackend) {}

  async read(envId: string): Promise<StoredSession | undefined> {
    return parseStoredSession(await this.secrets.get(envId));
  }

  async exists(envId: string): Promise<boolean> {
    return (await this.secrets.get(envId)) !== undefined;
  }

  async write(envId: string, session: StoredSession): Promise<void> {
    await this.secrets.set(envId, JSON.stringify(session));
  }

  async delete(envId: string): Promise<void> {
    await this.secrets.delete(envId);
  }
}

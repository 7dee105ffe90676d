// The token provider the AltinnClient asks before every request: ALTINN_TOKEN when set, else the session
// in the OS keychain, renewed by the session core (src/session) exactly as the extension renews its own.
import type { Environment, TokenRequest } from '../api';
import {
  activate,
  decodeJwtClaims,
  environmentBinding,
  identityFromClaims,
  SessionRenewal,
  SessionStore,
  TokenFormatError,
  type ActiveSession,
  type Credentials,
  type SessionEndReason,
  type SessionLog,
  type StoredSession,
  type TokenEndpoints,
} from '../session';
import { CliError } from './errors';
import { KeychainUnavailableError, type SecretStore } from './secrets';

export const TOKEN_ENV_VAR = 'ALTINN_TOKEN';

/** Who a token speaks for, as `login --json` and `whoami --json` print it. */
export interface CliIdentity {
  kind: 'org' | 'user' | 'unknown';
  org?: string;
  orgNumber?: string;
  userId?: number;
  partyId?: number;
  scopes: string[];
  expiresAt?: string;
}

/** Reads the token with the session core; refuses what is not a JWT, without echoing it. */
export function identityOf(token: string): CliIdentity {
  let identity;
  try {
    identity = identityFromClaims(decodeJwtClaims(token), 'token');
  } catch (error) {
    if (error instanceof TokenFormatError) throw new CliError(error.message);
    throw error;
  }
  const { scopes } = identity;
  const expiresAt = identity.expiresAt === undefined ? undefined : new Date(identity.expiresAt).toISOString();
  if (identity.kind === 'org') return { kind: 'org', org: identity.org, orgNumber: identity.orgNumber, scopes: [...scopes], expiresAt };
  if (identity.userId !== undefined) return { kind: 'user', userId: identity.userId, partyId: identity.partyId, scopes: [...scopes], expiresAt };
  return { kind: 'unknown', scopes: [...scopes], expiresAt };
}

export function describeIdentity(identity: CliIdentity): string {
  if (identity.kind === 'user') return `user ${identity.userId}${identity.partyId ? ` (party ${identity.partyId})` : ''}`;
  if (identity.kind === 'org') return `organisation ${[identity.org, identity.orgNumber && `(${identity.orgNumber})`].filter(Boolean).join(' ')}`;
  return 'an unknown identity';
}

export type TokenSource = 'env' | 'keychain';

const SILENT: SessionLog = { info: () => undefined, warn: () => undefined };

/** Where tokens come from for one environment during one CLI run. */
export class SessionTokens {
  private readonly store: SessionStore;
  private readonly renewal: SessionRenewal;
  private active?: ActiveSession;
  private loaded = false;

  constructor(
    private readonly environment: Environment,
    endpoints: TokenEndpoints,
    secrets: SecretStore,
    private readonly processEnv: NodeJS.ProcessEnv,
    now: () => number = Date.now,
    log: SessionLog = SILENT,
  ) {
    this.store = new SessionStore(secrets);
    // One process, one environment: no other session to bump a generation or to time a renewal for.
    this.renewal = new SessionRenewal({
      cache: { reload: () => this.read(), save: (_envId, stored) => this.save(stored) },
      log,
      now,
      endpoints: () => endpoints,
      session: () => this.active,
      environment: () => environment,
      generation: () => 0,
      end: async (_envId, reason) => {
        throw this.ended(reason);
      },
      onDue: () => undefined,
    });
  }

  get source(): TokenSource {
    return this.envToken() !== undefined ? 'env' : 'keychain';
  }

  private envToken(): string | undefined {
    const value = this.processEnv[TOKEN_ENV_VAR]?.trim();
    return value ? value : undefined;
  }

  /** The token provider for AltinnClient. */
  readonly getToken = async ({ forceRefresh, rejectedToken, signal }: TokenRequest): Promise<string | undefined> => {
    const fromEnv = this.envToken();
    // A token from the environment is the caller's to renew; a 401 with it is reported as is.
    if (fromEnv !== undefined) return fromEnv;
    const active = await this.load();
    const id = this.environment.id;
    return forceRefresh ? this.renewal.afterRejection(id, rejectedToken, signal) : this.renewal.tokenFor(id, active, signal);
  };

  /** The current token and where it came from, without renewing (for whoami). */
  async current(): Promise<{ token: string; source: TokenSource; method?: Credentials['method'] }> {
    const fromEnv = this.envToken();
    if (fromEnv !== undefined) return { token: fromEnv, source: 'env' };
    const { stored } = await this.load();
    return { token: stored.token, source: 'keychain', method: stored.credentials.method };
  }

  private async load(): Promise<ActiveSession> {
    if (!this.loaded) {
      await this.read();
      this.loaded = true;
    }
    if (!this.active) {
      throw new CliError(
        `Not signed in to "${this.environment.id}".`,
        `Run "altinn-explorer login --env ${this.environment.id} …", or set ${TOKEN_ENV_VAR}.`,
      );
    }
    return this.active;
  }

  /** The keychain's session, if it was made for this environment as it is configured now. */
  private async read(): Promise<void> {
    let stored: StoredSession | undefined;
    try {
      stored = await this.store.read(this.environment.id);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw new CliError(`Not signed in to "${this.environment.id}": ${error.message.replace(/^The/, 'the')}`, error.hint);
      throw error;
    }
    this.active = stored && stored.environment === environmentBinding(this.environment) ? activate(stored) : undefined;
  }

  private async save(stored: StoredSession): Promise<void> {
    await this.store.write(this.environment.id, stored);
    this.active = activate(stored);
  }

  private ended(reason: SessionEndReason): CliError {
    const hint = `Sign in again with "altinn-explorer login --env ${this.environment.id} …".`;
    return reason === 'expired'
      ? new CliError(`The session for "${this.environment.id}" has expired.`, hint)
      : new CliError(`Altinn no longer accepts the session for "${this.environment.id}".`, hint);
  }
}

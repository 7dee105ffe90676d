// One environment's sign-in as kept in the keychain, and the token provider the AltinnClient asks
// before every request: ALTINN_TOKEN when set, else the stored token, renewed shortly before it
// expires (or after a 401) the way it was obtained.
import { type AuthApi, decodeJwtClaims, type Environment } from '../api';
import { CliError } from './errors';
import { KeychainUnavailableError, type SecretStore } from './secrets';

export type Credentials =
  /** A pasted Altinn token or one exchanged from ID-porten: renewed through `/authentication/api/v1/refresh`. */
  | { method: 'token' | 'idporten' }
  /** The private key (PEM or JWK) lives only here, in the keychain. */
  | { method: 'maskinporten'; clientId: string; keyId?: string; scopes: string; privateKey: string }
  | { method: 'testUser'; userId: number }
  | { method: 'testOrg'; org: string; orgNumber: string; scopes?: string };

export interface StoredSession {
  version: 1;
  /** Where the environment sends tokens; a token never goes to another place. */
  binding: string;
  token: string;
  obtainedAt: number;
  credentials: Credentials;
}

export const TOKEN_ENV_VAR = 'ALTINN_TOKEN';
/** Renew this long before `exp`, so a request never leaves with a token about to lapse. */
const RENEW_BEFORE_MS = 60_000;

export function environmentBinding(environment: Environment): string {
  return `${environment.kind} ${environment.platformUrl} ${environment.appBaseUrl({ org: 'org', app: 'app' })}`;
}

export function parseSession(raw: string | undefined): StoredSession | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<StoredSession>;
    if (v.version === 1 && typeof v.binding === 'string' && typeof v.token === 'string' && v.credentials && typeof v.credentials.method === 'string') {
      return v as StoredSession;
    }
  } catch {
    // not ours: treated as no session
  }
  return undefined;
}

export interface Identity {
  kind: 'org' | 'user' | 'unknown';
  org?: string;
  orgNumber?: string;
  userId?: number;
  partyId?: number;
  scopes: string[];
  expiresAt?: string;
}

export function identityOf(token: string): Identity {
  const claims = decodeJwtClaims(token);
  const text = (k: string): string | undefined => (typeof claims[k] === 'string' || typeof claims[k] === 'number' ? String(claims[k]) : undefined);
  const scopes = (text('scope') ?? text('urn:altinn:scope') ?? '').split(/\s+/).filter((s) => s !== '');
  const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : undefined;
  const consumer = claims.consumer as { ID?: unknown } | undefined;
  const consumerOrg = typeof consumer?.ID === 'string' ? consumer.ID.replace(/^0192:/, '') : undefined;
  const org = text('urn:altinn:org');
  const orgNumber = text('urn:altinn:orgNumber') ?? consumerOrg;
  const userId = text('urn:altinn:userid');
  if (userId !== undefined) {
    const partyId = text('urn:altinn:partyid');
    return { kind: 'user', userId: Number(userId), partyId: partyId === undefined ? undefined : Number(partyId), scopes, expiresAt };
  }
  if (org !== undefined || orgNumber !== undefined) return { kind: 'org', org, orgNumber, scopes, expiresAt };
  return { kind: 'unknown', scopes, expiresAt };
}

export function describeIdentity(identity: Identity): string {
  if (identity.kind === 'user') return `user ${identity.userId}${identity.partyId ? ` (party ${identity.partyId})` : ''}`;
  if (identity.kind === 'org') return `organisation ${[identity.org, identity.orgNumber && `(${identity.orgNumber})`].filter(Boolean).join(' ')}`;
  return 'an unknown identity';
}

function expiresAtMs(token: string): number | undefined {
  try {
    const { exp } = decodeJwtClaims(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A new Altinn token for the credentials, without asking anyone. */
export async function acquireToken(auth: AuthApi, credentials: Credentials, current?: string): Promise<string> {
  switch (credentials.method) {
    case 'token':
    case 'idporten':
      if (current === undefined) throw new CliError('This session cannot be renewed without its current token.');
      return auth.refresh(current);
    case 'maskinporten':
      return auth.maskinportenAltinnToken({
        clientId: credentials.clientId,
        keyId: credentials.keyId,
        privateKey: credentials.privateKey,
        scopes: credentials.scopes.split(/\s+/).filter((s) => s !== ''),
      });
    case 'testUser':
      return auth.testUserToken(credentials.userId);
    case 'testOrg':
      return auth.testOrgToken(credentials.org, { orgNumber: credentials.orgNumber, scopes: credentials.scopes });
  }
}

export type TokenSource = 'env' | 'keychain';

/** Where tokens come from for one environment during one CLI run. */
export class SessionTokens {
  private session?: StoredSession;
  private loaded = false;
  private renewing?: Promise<string>;

  constructor(
    private readonly environment: Environment,
    private readonly auth: AuthApi,
    private readonly secrets: SecretStore,
    private readonly processEnv: NodeJS.ProcessEnv,
    private readonly now: () => number = Date.now,
  ) {}

  get source(): TokenSource {
    return this.envToken() !== undefined ? 'env' : 'keychain';
  }

  private envToken(): string | undefined {
    const value = this.processEnv[TOKEN_ENV_VAR]?.trim();
    return value ? value : undefined;
  }

  /** The token provider for AltinnClient. */
  readonly getToken = async ({ forceRefresh }: { forceRefresh: boolean }): Promise<string | undefined> => {
    const fromEnv = this.envToken();
    // A token from the environment is the caller's to renew; a 401 with it is reported as is.
    if (fromEnv !== undefined) return fromEnv;
    const session = await this.load();
    const expires = expiresAtMs(session.token);
    const due = expires !== undefined && this.now() >= expires - RENEW_BEFORE_MS;
    if (!forceRefresh && !due) return session.token;
    return this.renew(session);
  };

  private async load(): Promise<StoredSession> {
    if (!this.loaded) {
      let raw: string | undefined;
      try {
        raw = await this.secrets.get(this.environment.id);
      } catch (error) {
        if (error instanceof KeychainUnavailableError) throw new CliError(`Not signed in to "${this.environment.id}": ${error.message.replace(/^The/, 'the')}`, error.hint);
        throw error;
      }
      const stored = parseSession(raw);
      this.session = stored && stored.binding === environmentBinding(this.environment) ? stored : undefined;
      this.loaded = true;
    }
    if (!this.session) {
      throw new CliError(
        `Not signed in to "${this.environment.id}".`,
        `Run "altinn-explorer login --env ${this.environment.id} …", or set ${TOKEN_ENV_VAR}.`,
      );
    }
    return this.session;
  }

  private renew(session: StoredSession): Promise<string> {
    this.renewing ??= (async () => {
      const refreshOnly = session.credentials.method === 'token' || session.credentials.method === 'idporten';
      const expires = expiresAtMs(session.token);
      if (refreshOnly && expires !== undefined && this.now() >= expires) {
        throw new CliError(`The session for "${this.environment.id}" has expired.`, `Sign in again with "altinn-explorer login --env ${this.environment.id} …".`);
      }
      const token = await acquireToken(this.auth, session.credentials, session.token);
      this.session = { ...session, token, obtainedAt: this.now() };
      await this.secrets.set(this.environment.id, JSON.stringify(this.session));
      return token;
    })().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  /** The current token and where it came from, without renewing (for whoami). */
  async current(): Promise<{ token: string; source: TokenSource; method?: Credentials['method'] }> {
    const fromEnv = this.envToken();
    if (fromEnv !== undefined) return { token: fromEnv, source: 'env' };
    const session = await this.load();
    return { token: session.token, source: 'keychain', method: session.credentials.method };
  }
}

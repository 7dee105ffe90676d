import * as vscode from 'vscode';
import type { Environment } from '../api';
import {
  acquireToken,
  environmentBinding,
  newStoredSession,
  RETRY_AFTER_FAILURE_MS,
  safeMessage,
  SessionRenewal,
  SharedWork,
  type ActiveSession,
  type Credentials,
  type Identity,
  type JwtClaims,
  type SessionEndReason,
  type TokenEndpoints,
} from '../session';
import { autoSignInCredentials, AutoSignInSwitch } from './autoSignIn';
import { CommandIds } from '../commands/ids';
import { authApiEndpoints } from './endpoints';
import { describeIdentity, describeMethod } from './labels';
import { SessionCache, type SessionsChange } from './sessions';
import { runSignInFlow } from './signInFlow';
import type { AltinnAuth, AuthDeps, GetTokenOptions } from './types';
import type { Prompts } from '../util/prompts';

/** Per-environment sign-in bookkeeping; the session lives in the cache, its renewal in {@link SessionRenewal}. */
interface EnvState {
  autoTriedAt?: number;
  /** Shared by activation and the requests that wait for it; cancelled when all of them gave up. */
  autoRunning?: SharedWork<void>;
  signingIn?: Promise<void>;
  /** Bumped by sign-in, sign-out and the end of a session, so that a late renewal cannot bring an old session back. */
  generation: number;
  noticeShown: boolean;
}

/** Sessions per environment: signs in (asked or automatically), signs out, and ends sessions quietly. */
export class AltinnAuthService implements AltinnAuth {
  private readonly states = new Map<string, EnvState>();
  private readonly cache: SessionCache;
  private readonly renewal: SessionRenewal;
  private readonly autoSwitch: AutoSignInSwitch;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ui: Prompts;
  private readonly now: () => number;
  private readonly endpoints: (environment: Environment) => TokenEndpoints;

  readonly onDidChange: vscode.Event<string>;
  readonly onDidChangeSessions: vscode.Event<SessionsChange>;
  /** The "altinn" authentication provider over these sessions (the Accounts menu), once registered. */
  provider?: vscode.AuthenticationProvider;

  constructor(secrets: vscode.SecretStorage, globalState: vscode.Memento, private readonly deps: AuthDeps) {
    this.cache = new SessionCache(secrets);
    this.autoSwitch = new AutoSignInSwitch(globalState);
    this.ui = deps.ui;
    this.now = deps.now ?? Date.now;
    this.endpoints = deps.endpoints ?? authApiEndpoints(deps.log);
    this.renewal = new SessionRenewal({
      cache: this.cache,
      log: deps.log,
      now: () => this.now(),
      endpoints: (environment) => this.endpoints(environment),
      session: (envId) => this.session(envId),
      environment: (envId) => deps.registry.get(envId)?.environment,
      generation: (envId) => this.state(envId).generation,
      end: (envId, reason) => this.end(envId, reason),
      onDue: (envId) => void this.getToken(envId, { silent: true }),
    });
    this.onDidChange = this.cache.onDidChangeIdentity;
    this.onDidChangeSessions = this.cache.onDidChangeSessions;
    this.disposables.push(
      this.cache,
      this.renewal,
      this.cache.onDidChangeSessions((c) => [...c.added, ...c.removed, ...c.changed].forEach((envId) => this.renewal.schedule(envId))),
      deps.registry.onDidChange(() => this.startAll()),
    );
  }

  /** Loads every environment's session and signs in automatically where the settings say so. */
  startAll(): void {
    for (const entry of this.deps.registry.list()) {
      void this.cache.load(entry.id).then(() => this.autoSignIn(entry.id));
    }
  }

  async getToken(envId: string, opts: GetTokenOptions = {}): Promise<string | undefined> {
    await this.cache.load(envId);
    if (!this.session(envId)) {
      await this.autoSignIn(envId, opts.signal);
      if (!this.session(envId) && !opts.silent) {
        try {
          await this.signIn(envId);
        } catch (err) {
          if (!(err instanceof vscode.CancellationError)) throw err;
        }
      }
    }
    const active = this.session(envId);
    if (!active) return undefined;
    return opts.forceRefresh ? this.renewal.afterRejection(envId, opts.rejectedToken, opts.signal) : this.renewal.tokenFor(envId, active, opts.signal);
  }

  getIdentity(envId: string): Identity | undefined {
    if (!this.cache.isLoaded(envId)) void this.cache.load(envId);
    return this.session(envId)?.identity;
  }

  /** The claims of the current token, for the read-only claims view. */
  getClaims(envId: string): JwtClaims | undefined {
    return this.session(envId)?.claims;
  }

  /** Environments with a session, for the Accounts menu. */
  async signedInEnvironments(): Promise<string[]> {
    const ids = this.deps.registry.list().map((e) => e.id);
    await Promise.all(ids.map((id) => this.cache.load(id)));
    return ids.filter((id) => this.session(id) !== undefined);
  }

  /** The current token and who it is, without renewing (the Accounts menu lists; it does not call Altinn). */
  peek(envId: string): { token: string; identity: Identity } | undefined {
    const active = this.session(envId);
    return active && { token: active.stored.token, identity: active.identity };
  }

  /** Whether SecretStorage holds anything for the environment (tests check that sign-out removes it). */
  hasStoredSession(envId: string): Promise<boolean> {
    return this.cache.exists(envId);
  }

  signIn(envId: string): Promise<void> {
    const st = this.state(envId);
    st.signingIn ??= this.interactiveSignIn(envId).finally(() => (st.signingIn = undefined));
    return st.signingIn;
  }

  async signOut(envId: string): Promise<void> {
    this.state(envId).generation++;
    const wasSignedIn = this.session(envId) !== undefined;
    await this.autoSwitch.set(envId, true);
    await this.cache.remove(envId);
    if (wasSignedIn) this.deps.log.info(`[${envId}] signed out`);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** The cached session, if it was made for this environment as it is configured now. */
  private session(envId: string): ActiveSession | undefined {
    const active = this.cache.get(envId);
    const environment = this.deps.registry.get(envId)?.environment;
    return active && environment && active.stored.environment === environmentBinding(environment) ? active : undefined;
  }

  private state(envId: string): EnvState {
    let st = this.states.get(envId);
    if (!st) {
      st = { generation: 0, noticeShown: false };
      this.states.set(envId, st);
    }
    return st;
  }

  private envName(envId: string): string {
    return this.deps.registry.get(envId)?.setting.name ?? envId;
  }

  private async interactiveSignIn(envId: string): Promise<void> {
    const entry = this.deps.registry.get(envId);
    if (!entry?.environment) throw new Error(entry?.error ?? vscode.l10n.t('Unknown Altinn environment "{0}".', envId));
    const environment = entry.environment;
    const result = await runSignInFlow({
      environment,
      ui: this.ui,
      endpoints: this.endpoints(environment),
      now: this.now,
      autoSignIn: autoSignInCredentials(entry),
    });
    await this.autoSwitch.set(envId, false);
    const active = await this.establish(envId, environment, result.token, result.credentials);
    this.deps.log.info(`[${envId}] signed in as ${describeIdentity(active.identity)} (${active.identity.method})`);
    void this.ui.showInformationMessage(
      vscode.l10n.t('Signed in to {0} as {1} ({2}).', entry.setting.name, describeIdentity(active.identity), describeMethod(active.identity.method)),
    );
  }

  private autoSignIn(envId: string, signal?: AbortSignal): Promise<void> {
    const st = this.state(envId);
    if (st.autoRunning && !st.autoRunning.cancelled) return st.autoRunning.join(signal);
    const entry = this.deps.registry.get(envId);
    const credentials = autoSignInCredentials(entry);
    const environment = entry?.environment;
    // A sign-in every caller gave up on did not fail: it is no reason to wait before the next one.
    const recentlyTried = !st.autoRunning && st.autoTriedAt !== undefined && this.now() - st.autoTriedAt < RETRY_AFTER_FAILURE_MS;
    if (this.session(envId) || !environment || !credentials || recentlyTried || this.autoSwitch.isOff(envId)) {
      return Promise.resolve();
    }
    st.autoTriedAt = this.now();
    const generation = st.generation;
    const work = new SharedWork<void>(async (workSignal) => {
      try {
        const token = await acquireToken({ environment, endpoints: this.endpoints(environment), signal: workSignal }, credentials);
        if (st.generation !== generation || this.session(envId)) return;
        const active = await this.establish(envId, environment, token, credentials);
        this.deps.log.info(`[${envId}] signed in automatically as ${describeIdentity(active.identity)}`);
      } catch (err) {
        if (workSignal.aborted) {
          if (st.autoRunning === work) st.autoTriedAt = undefined;
          return;
        }
        this.deps.log.warn(`[${envId}] automatic sign-in failed: ${safeMessage(err)}`);
      }
    });
    st.autoRunning = work;
    void work.done.then(() => {
      if (st.autoRunning === work) st.autoRunning = undefined;
    });
    return work.join(signal);
  }

  /** The session is over and cannot be renewed: signed out, one message, no prompt. */
  private async end(envId: string, reason: SessionEndReason): Promise<void> {
    const st = this.state(envId);
    st.generation++;
    if (reason === 'rejected') await this.autoSwitch.set(envId, true);
    await this.cache.remove(envId);
    if (st.noticeShown) return;
    st.noticeShown = true;
    const message =
      reason === 'rejected'
        ? vscode.l10n.t('Altinn no longer accepts your session for {0}. Sign in again to continue.', this.envName(envId))
        : vscode.l10n.t('Your Altinn session for {0} has expired. Sign in again to continue.', this.envName(envId));
    const signIn = vscode.l10n.t('Sign in');
    void Promise.resolve(this.ui.showWarningMessage(message, signIn)).then((choice) => {
      if (choice === signIn) void vscode.commands.executeCommand(CommandIds.signIn, envId);
    });
  }

  private establish(envId: string, environment: Environment, token: string, credentials: Credentials): Promise<ActiveSession> {
    const st = this.state(envId);
    st.generation++;
    st.noticeShown = false;
    this.renewal.reset(envId);
    return this.cache.save(envId, newStoredSession(environment, token, credentials, this.now()));
  }
}

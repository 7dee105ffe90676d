// Keeping sessions fresh: renewal shortly before a token expires, one renewal after Altinn refuses a
// token, and giving up quietly when renewal cannot help. The extension and the CLI share it.
import type { Environment } from '../api';
import { acquireToken, type TokenEndpoints } from './acquire';
import type { ActiveSession } from './active';
import { isExpired } from './claims';
import { SharedWork } from './sharedWork';
import { newStoredSession, type StoredSession } from './stored';

/** How long a failed renewal (or automatic sign-in) is not tried again while the token still works. */
export const RETRY_AFTER_FAILURE_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export type SessionEndReason = 'expired' | 'rejected';

/** Where renewal reports; never given a token (VS Code's LogOutputChannel fits). */
export interface SessionLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What renewal needs of the service that owns the sessions. */
export interface RenewalHost {
  readonly cache: {
    /** Reads the stored session again: another window or process may have renewed it. */
    reload(envId: string): Promise<void>;
    save(envId: string, stored: StoredSession): Promise<unknown>;
  };
  readonly log: SessionLog;
  now(): number;
  endpoints(environment: Environment): TokenEndpoints;
  /** The cached session, if it was made for the environment as it is configured now. */
  session(envId: string): ActiveSession | undefined;
  environment(envId: string): Environment | undefined;
  /** Bumped by sign-in, sign-out and the end of a session: a renewal that started before the bump is dropped. */
  generation(envId: string): number;
  /** Renewal cannot help: the session ends, with one message and no prompt. */
  end(envId: string, reason: SessionEndReason): Promise<void>;
  /** The renewal timer fired: ask for the token as any caller would. */
  onDue(envId: string): void;
}

interface RenewalState {
  /** Shared by every caller that needs the renewed token; cancelled when all of them gave up. */
  renewing?: SharedWork<string | undefined>;
  /** The token a renewal after a 401 produced; if Altinn refuses it too, renewal cannot help. */
  forcedToken?: string;
  renewFailedAt?: number;
  timer?: NodeJS.Timeout;
}

export class SessionRenewal {
  private readonly states = new Map<string, RenewalState>();

  constructor(private readonly host: RenewalHost) {}

  /**
   * The token to send now: the current one, or a renewed one when it is due (unless a failed renewal backs off).
   * `signal` is the request's: aborting it ends this wait, and the renewal too if nobody else waits for it.
   */
  tokenFor(envId: string, active: ActiveSession, signal?: AbortSignal): Promise<string | undefined> {
    const st = this.state(envId);
    const now = this.host.now();
    const due = active.renewAt !== undefined && now >= active.renewAt;
    const backingOff = st.renewFailedAt !== undefined && now - st.renewFailedAt < RETRY_AFTER_FAILURE_MS && !isExpired(active.claims, now);
    return due && !backingOff ? this.renew(envId, 'due', signal) : Promise.resolve(active.stored.token);
  }

  /**
   * Altinn answered 401 to `rejectedToken`. A token older than the current one (a request sent before the
   * last renewal) is answered with the current token; the current token gets one renewal; a refused renewed
   * token ends the session.
   */
  async afterRejection(envId: string, rejectedToken: string | undefined, signal?: AbortSignal): Promise<string | undefined> {
    const st = this.state(envId);
    if (st.renewing && !st.renewing.cancelled) return st.renewing.join(signal);
    const current = this.host.session(envId)?.stored.token;
    if (current !== undefined && rejectedToken !== undefined && rejectedToken !== current) return current;
    if (current !== undefined && st.forcedToken === current) {
      this.host.log.warn(`[${envId}] Altinn refused the renewed session as well; signed out`);
      await this.host.end(envId, 'rejected');
      return undefined;
    }
    const token = await this.renew(envId, 'rejected', signal);
    if (token !== undefined) st.forcedToken = token;
    return token;
  }

  /** A new session: what renewal learnt about the previous one no longer applies. */
  reset(envId: string): void {
    const st = this.state(envId);
    st.forcedToken = undefined;
    st.renewFailedAt = undefined;
  }

  /** Renews silently shortly before `exp`, so that a token in use never runs out. */
  schedule(envId: string): void {
    const st = this.state(envId);
    clearTimeout(st.timer);
    st.timer = undefined;
    const active = this.host.session(envId);
    if (!active || active.renewAt === undefined) return;
    const now = this.host.now();
    const exp = active.identity.expiresAt ?? active.renewAt;
    const at = now < active.renewAt && st.renewFailedAt === undefined ? active.renewAt : Math.min(exp, now + RETRY_AFTER_FAILURE_MS);
    st.timer = setTimeout(() => this.host.onDue(envId), Math.min(Math.max(at - now, 0), MAX_TIMER_MS));
    // A short-lived process (the CLI) must not wait for a renewal nobody will ask for.
    st.timer.unref();
  }

  dispose(): void {
    for (const st of this.states.values()) clearTimeout(st.timer);
  }

  private state(envId: string): RenewalState {
    let st = this.states.get(envId);
    if (!st) {
      st = {};
      this.states.set(envId, st);
    }
    return st;
  }

  private renew(envId: string, reason: 'due' | 'rejected', signal: AbortSignal | undefined): Promise<string | undefined> {
    const st = this.state(envId);
    if (!st.renewing || st.renewing.cancelled) {
      const work = new SharedWork((workSignal) => this.doRenew(envId, reason, workSignal));
      st.renewing = work;
      void work.done
        .catch(() => undefined)
        .then(() => {
          if (st.renewing === work) st.renewing = undefined;
        });
    }
    return st.renewing.join(signal);
  }

  private async doRenew(envId: string, reason: 'due' | 'rejected', signal: AbortSignal): Promise<string | undefined> {
    const st = this.state(envId);
    const { cache, log } = this.host;
    if (reason === 'due') {
      // Another window may have renewed it already.
      await cache.reload(envId);
      const fresh = this.host.session(envId);
      if (!fresh || fresh.renewAt === undefined || this.host.now() < fresh.renewAt) return fresh?.stored.token;
    }
    const active = this.host.session(envId);
    if (!active) return undefined;
    const generation = this.host.generation(envId);
    const environment = this.host.environment(envId);
    const { credentials, token: current } = active.stored;
    const refreshOnly = credentials.method === 'token' || credentials.method === 'idporten';
    if (!environment || (refreshOnly && isExpired(active.claims, this.host.now()))) {
      return this.giveUp(envId, active, reason);
    }
    try {
      const token = await acquireToken({ environment, endpoints: this.host.endpoints(environment), signal }, credentials, current);
      if (this.host.generation(envId) !== generation) return this.host.session(envId)?.stored.token;
      await cache.save(envId, newStoredSession(environment, token, credentials, this.host.now()));
      st.renewFailedAt = undefined;
      log.info(`[${envId}] session renewed (${reason === 'due' ? 'before expiry' : 'after a 401'})`);
      return token;
    } catch (err) {
      // Every caller gave up: nothing failed, so no back-off and no end of the session.
      if (signal.aborted) throw err;
      log.warn(`[${envId}] session renewal failed: ${safeMessage(err)}`);
      if (this.host.generation(envId) !== generation) return this.host.session(envId)?.stored.token;
      if (reason === 'due' && !isExpired(active.claims, this.host.now())) {
        st.renewFailedAt = this.host.now();
        this.schedule(envId);
        return current;
      }
      return this.giveUp(envId, active, reason);
    }
  }

  /** Renewal is impossible: keep a token that still works (unless Altinn refused it), else end the session. */
  private async giveUp(envId: string, active: ActiveSession, reason: 'due' | 'rejected'): Promise<string | undefined> {
    if (reason === 'due' && !isExpired(active.claims, this.host.now())) return active.stored.token;
    await this.host.end(envId, reason === 'rejected' ? 'rejected' : 'expired');
    return undefined;
  }
}

/** Error text for logs: API errors carry no secrets (src/api redacts); anything else is reduced to its message. */
export function safeMessage(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : 'unknown error';
}

import * as vscode from 'vscode';
import { describeIdentity } from './labels';
import type { AltinnAuthService } from './service';

export const AUTH_PROVIDER_ID = 'altinn';
export const AUTH_PROVIDER_LABEL = 'Altinn';
const SCOPE_PREFIX = 'env:';
const SESSION_PREFIX = 'altinn-session:';

export function envScope(envId: string): string {
  return SCOPE_PREFIX + envId;
}

function envIdsOf(scopes: readonly string[] | undefined): string[] | undefined {
  if (!scopes || scopes.length === 0) return undefined;
  return scopes.filter((s) => s.startsWith(SCOPE_PREFIX)).map((s) => s.slice(SCOPE_PREFIX.length));
}

/**
 * VS Code's view of the sessions: one per environment (scopes `['env:<id>']`), listed in the Accounts
 * menu, where signing out calls `removeSession`. The service holds the state; this only translates.
 */
export class AltinnAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  private readonly listener: vscode.Disposable;
  readonly onDidChangeSessions = this.emitter.event;

  constructor(
    private readonly auth: AltinnAuthService,
    private readonly envName: (envId: string) => string,
  ) {
    this.listener = auth.onDidChangeSessions((change) => {
      const toSession = (envId: string) => this.session(envId) ?? this.placeholder(envId);
      this.emitter.fire({
        added: change.added.map(toSession),
        removed: change.removed.map((envId) => this.placeholder(envId)),
        changed: change.changed.map(toSession),
      });
    });
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const requested = envIdsOf(scopes);
    if (requested === undefined) {
      const ids = await this.auth.signedInEnvironments();
      return ids.map((id) => this.session(id)).filter((s): s is vscode.AuthenticationSession => s !== undefined);
    }
    const sessions: vscode.AuthenticationSession[] = [];
    for (const envId of requested) {
      // A consumer asking for a session wants a usable token: renew if it is due, never prompt.
      await this.auth.getToken(envId, { silent: true });
      const session = this.session(envId);
      if (session) sessions.push(session);
    }
    return sessions;
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const [envId] = envIdsOf(scopes) ?? [];
    if (envId === undefined) {
      throw new Error(vscode.l10n.t('Ask for an Altinn session with the scope "env:<environment id>".'));
    }
    await this.auth.signIn(envId);
    const session = this.session(envId);
    if (!session) throw new vscode.CancellationError();
    return session;
  }

  async removeSession(sessionId: string): Promise<void> {
    if (sessionId.startsWith(SESSION_PREFIX)) {
      await this.auth.signOut(sessionId.slice(SESSION_PREFIX.length));
    }
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }

  private session(envId: string): vscode.AuthenticationSession | undefined {
    const current = this.auth.peek(envId);
    if (!current) return undefined;
    const who = describeIdentity(current.identity);
    return {
      id: SESSION_PREFIX + envId,
      accessToken: current.token,
      account: { id: `${envId}/${who}`, label: `${who} · ${this.envName(envId)}` },
      scopes: [envScope(envId)],
    };
  }

  /** A removed session no longer has a token; VS Code only needs its id. */
  private placeholder(envId: string): vscode.AuthenticationSession {
    return { id: SESSION_PREFIX + envId, accessToken: '', account: { id: envId, label: this.envName(envId) }, scopes: [envScope(envId)] };
  }
}

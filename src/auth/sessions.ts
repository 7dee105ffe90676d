// The in-memory mirror of the sessions in SecretStorage, with who each one is.
import * as vscode from 'vscode';
import { activate, SessionStore, type ActiveSession, type Identity, type StoredSession } from '../session';
import { onDidChangeSession, secretStorageBackend } from './store';

export interface SessionsChange {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Who is signed in, without the expiry: a renewal that changes only `exp` is not a change of identity. */
export function identityKey(identity: Identity | undefined): string {
  if (!identity) return '';
  const { expiresAt: _ignored, ...rest } = identity;
  return JSON.stringify(rest);
}

/**
 * SecretStorage is the truth (other windows write it too); this keeps a synchronous copy for
 * `getIdentity` and says what changed: sessions (any token change) and identities (who is signed in).
 */
export class SessionCache implements vscode.Disposable {
  private readonly active = new Map<string, ActiveSession>();
  private readonly loading = new Map<string, Promise<void>>();
  /** Bumped by every local write, so that a read that started before it cannot undo it. */
  private readonly writes = new Map<string, number>();
  private readonly store: SessionStore;
  private readonly identityChanged = new vscode.EventEmitter<string>();
  private readonly sessionsChanged = new vscode.EventEmitter<SessionsChange>();
  private readonly listener: vscode.Disposable;

  readonly onDidChangeIdentity = this.identityChanged.event;
  readonly onDidChangeSessions = this.sessionsChanged.event;

  constructor(secrets: vscode.SecretStorage) {
    this.store = new SessionStore(secretStorageBackend(secrets));
    this.listener = onDidChangeSession(secrets, (envId) => void this.reload(envId));
  }

  get(envId: string): ActiveSession | undefined {
    return this.active.get(envId);
  }

  isLoaded(envId: string): boolean {
    return this.loading.has(envId);
  }

  /** Reads the environment's secret once; later changes arrive through SecretStorage's events. */
  load(envId: string): Promise<void> {
    let loading = this.loading.get(envId);
    if (!loading) {
      loading = this.reload(envId);
      this.loading.set(envId, loading);
    }
    return loading;
  }

  async reload(envId: string): Promise<void> {
    const before = this.writes.get(envId);
    const stored = await this.store.read(envId);
    if (this.writes.get(envId) === before) this.apply(envId, stored);
  }

  async save(envId: string, stored: StoredSession): Promise<ActiveSession> {
    const active = activate(stored);
    if (!active) throw new Error(vscode.l10n.t('Altinn answered with something that is not a JWT.'));
    this.bump(envId);
    this.apply(envId, stored);
    await this.store.write(envId, stored);
    return active;
  }

  async remove(envId: string): Promise<void> {
    this.bump(envId);
    this.apply(envId, undefined);
    await this.store.delete(envId);
  }

  exists(envId: string): Promise<boolean> {
    return this.store.exists(envId);
  }

  dispose(): void {
    this.listener.dispose();
    this.identityChanged.dispose();
    this.sessionsChanged.dispose();
  }

  private bump(envId: string): void {
    this.writes.set(envId, (this.writes.get(envId) ?? 0) + 1);
  }

  private apply(envId: string, stored: StoredSession | undefined): void {
    const before = this.active.get(envId);
    const after = stored && activate(stored);
    if (before?.stored.token === after?.stored.token && before?.stored.obtainedAt === after?.stored.obtainedAt) return;
    if (after) this.active.set(envId, after);
    else this.active.delete(envId);
    const change: SessionsChange = { added: [], removed: [], changed: [] };
    (!before ? change.added : !after ? change.removed : change.changed).push(envId);
    this.sessionsChanged.fire(change);
    if (identityKey(before?.identity) !== identityKey(after?.identity)) this.identityChanged.fire(envId);
  }
}

import * as vscode from 'vscode';
import { AltinnClient, Environment, type EnvironmentConfig, type EnvironmentKind } from '../api';
import { logRequest } from '../util/log';
import { errorMessage } from '../util/errors';

export const ENVIRONMENT_KINDS: readonly EnvironmentKind[] = ['production', 'tt02', 'localtest', 'emulator', 'custom'];

export type AutoSignIn = { testUser: number } | { testOrg: string; orgNumber?: string; scopes?: string };

/** One entry of the `altinn.environments` setting. */
export interface EnvironmentSetting extends EnvironmentConfig {
  autoSignIn?: AutoSignIn;
  /** Treat as production (marked, state changes confirmed); kind `production` always is. */
  production?: boolean;
}

/** A configured environment; `error` is set (and `environment` missing) when its setting is unusable. */
export interface EnvironmentEntry {
  readonly id: string;
  readonly setting: EnvironmentSetting;
  readonly environment?: Environment;
  readonly error?: string;
}

export type TokenSource = (envId: string, opts: { forceRefresh: boolean; rejectedToken?: string; silent: boolean; signal?: AbortSignal }) => Promise<string | undefined>;

export interface RegistryDeps {
  log: vscode.LogOutputChannel;
  /** Late-bound so that auth, which reads this registry, can be created after it. */
  getToken: TokenSource;
  userAgent?: string;
}

/** The environments of the `altinn.environments` setting, each with its own {@link AltinnClient}. */
export class EnvironmentRegistry implements vscode.Disposable {
  private entries = new Map<string, EnvironmentEntry>();
  private clients = new Map<string, AltinnClient>();
  private changes = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly configListener: vscode.Disposable;

  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: RegistryDeps) {
    this.load();
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('altinn.environments')) {
        this.load();
        this.changed.fire();
      }
    });
  }

  list(): EnvironmentEntry[] {
    return [...this.entries.values()];
  }

  get(envId: string): EnvironmentEntry | undefined {
    return this.entries.get(envId);
  }

  /** The client of a usable environment; throws (with the setting's problem) otherwise. */
  client(envId: string): AltinnClient {
    const cached = this.clients.get(envId);
    if (cached) {
      return cached;
    }
    const entry = this.entries.get(envId);
    if (!entry?.environment) {
      throw new Error(entry?.error ?? vscode.l10n.t('Unknown Altinn environment "{0}".', envId));
    }
    const client = new AltinnClient({
      environment: entry.environment,
      getToken: (o) => this.deps.getToken(envId, { forceRefresh: o.forceRefresh, rejectedToken: o.rejectedToken, silent: true, signal: o.signal }),
      userAgent: this.deps.userAgent,
      onRequest: (r) => {
        if (r.method !== 'GET' && r.method !== 'HEAD') {
          this.changes++;
        }
        logRequest(this.deps.log, envId, r);
      },
    });
    this.clients.set(envId, client);
    return client;
  }

  /** How many requests that may change state (anything but GET and HEAD) the clients have sent, answered or not. */
  changeCount(): number {
    return this.changes;
  }

  async add(setting: EnvironmentSetting): Promise<void> {
    const current = readSettings().filter((s) => s.id !== setting.id);
    await saveSettings([...current, setting]);
  }

  async remove(envId: string): Promise<void> {
    await saveSettings(readSettings().filter((s) => s.id !== envId));
  }

  dispose(): void {
    this.configListener.dispose();
    this.changed.dispose();
  }

  private load(): void {
    this.entries = new Map();
    this.clients = new Map();
    for (const setting of readSettings()) {
      if (this.entries.has(setting.id)) {
        this.deps.log.warn(`altinn.environments: duplicate id "${setting.id}" ignored`);
        continue;
      }
      this.entries.set(setting.id, toEntry(setting));
    }
  }
}

/** An entry of the setting; a setting Altinn Explorer cannot use carries its problem in the display language. */
export function toEntry(setting: EnvironmentSetting): EnvironmentEntry {
  try {
    return { id: setting.id, setting, environment: new Environment(setting) };
  } catch (err) {
    return { id: setting.id, setting, error: errorMessage(err) };
  }
}

/**
 * The user's environments only. The setting is application-scoped (package.json), so VS Code ignores a
 * workspace value; reading `globalValue` keeps it so even where a scope is not applied: a workspace must not
 * decide where tokens are sent (workspaceSettings.ts tells the user about an ignored one).
 */
function readSettings(): EnvironmentSetting[] {
  const raw = vscode.workspace.getConfiguration('altinn').inspect<unknown[]>('environments')?.globalValue ?? [];
  return Array.isArray(raw) ? raw.filter(isEnvironmentSetting) : [];
}

/** Written where it is read from: user settings (see readSettings). */
async function saveSettings(settings: EnvironmentSetting[]): Promise<void> {
  await vscode.workspace.getConfiguration('altinn').update('environments', settings, vscode.ConfigurationTarget.Global);
}

function isEnvironmentSetting(v: unknown): v is EnvironmentSetting {
  if (typeof v !== 'object' || v === null) {
    return false;
  }
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && o.id !== '' && typeof o.name === 'string' && ENVIRONMENT_KINDS.includes(o.kind as EnvironmentKind);
}

import type * as vscode from 'vscode';
import type { Environment } from '../api';
import type { EnvironmentEntry } from '../environments/registry';
import type { Identity, TokenEndpoints } from '../session';
import type { Prompts } from '../util/prompts';

/** What auth reads of the environment registry (src/environments/registry.ts). */
export interface AuthRegistry {
  list(): readonly EnvironmentEntry[];
  get(envId: string): EnvironmentEntry | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export interface AuthDeps {
  registry: AuthRegistry;
  log: vscode.LogOutputChannel;
  /** The one prompt interface (src/util/prompts.ts): sign-in asks through it. */
  ui: Prompts;
  now?: () => number;
  endpoints?: (environment: Environment) => TokenEndpoints;
}

export interface GetTokenOptions {
  forceRefresh?: boolean;
  /** With `forceRefresh`: the token Altinn refused. A refusal of an older token is answered with the current one. */
  rejectedToken?: string;
  /** Never prompt; undefined when not signed in. */
  silent?: boolean;
  /** The request's: aborting it ends the wait for a token, and a sign-in or renewal nobody else waits for. */
  signal?: AbortSignal;
}

/** Sign-in as the rest of the extension sees it: tokens, identities and their changes, per environment. */
export interface AltinnAuth extends vscode.Disposable {
  getToken(envId: string, opts?: GetTokenOptions): Promise<string | undefined>;
  getIdentity(envId: string): Identity | undefined;
  signIn(envId: string): Promise<void>;
  signOut(envId: string): Promise<void>;
  readonly onDidChange: vscode.Event<string>;
}

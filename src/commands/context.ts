import type * as vscode from 'vscode';
import type { Identity } from '../session';
import type { EnvironmentRegistry } from '../environments/registry';
import type { DataService } from '../fs/dataService';
import type { DataPrompts } from '../fs/prompts';
import type { AltinnFileSystemProvider } from '../fs/provider';
import type { ReadOnlyStatus } from '../fs/readOnlyStatus';
import type { AuthView, TreeServices } from '../tree/services';
import type { AltinnTree } from '../tree/view';
import type { Prompts } from '../util/prompts';
import type { ReadOnlyDocuments } from '../util/readOnlyDocuments';
import type { Targets } from './targets';
import type { ValidationProblems } from './validationProblems';

/** What the sign-in commands use of auth; extension.ts hands it over, so commands/ never imports auth/. */
export interface CommandAuth extends AuthView {
  signIn(envId: string): Promise<void>;
  signOut(envId: string): Promise<void>;
  /** Opens the decoded claims of the environment's token. */
  showClaims(envId: string): Promise<void>;
  describe(identity: Identity): string;
}

/** The data features' parts the data commands drive. */
export interface DataContext {
  readonly service: DataService;
  /** The data features' questions, asked through the command context's prompts. */
  readonly prompts: DataPrompts;
  readonly fileSystem: AltinnFileSystemProvider;
  readonly status: ReadOnlyStatus;
}

/**
 * The one thing every command handler gets: its prompts, its target resolution and the services it
 * calls. Built once in extension.ts.
 */
export interface CommandContext {
  readonly registry: EnvironmentRegistry;
  readonly auth: CommandAuth;
  readonly log: vscode.LogOutputChannel;
  readonly tree: AltinnTree;
  readonly services: TreeServices;
  readonly documents: ReadOnlyDocuments;
  readonly problems: ValidationProblems;
  readonly prompts: Prompts;
  readonly targets: Targets;
  readonly data: DataContext;
  /** Where the extension is installed, and what is disposed with it: for features that start on first use (the overview). */
  readonly extension: Pick<vscode.ExtensionContext, 'extensionUri' | 'subscriptions'>;
}

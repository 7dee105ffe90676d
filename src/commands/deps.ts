import type * as vscode from 'vscode';
import type { EnvironmentRegistry } from '../environments/registry';
import type { AuthView, TreeServices } from '../tree/services';
import type { AltinnTree } from '../tree/view';

/** What the command modules need; passed in by extension.ts. */
export interface CommandDeps {
  readonly registry: EnvironmentRegistry;
  readonly auth: AuthView;
  readonly log: vscode.LogOutputChannel;
  readonly tree: AltinnTree;
  readonly services: TreeServices;
}

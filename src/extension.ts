import * as vscode from 'vscode';
import { registerAuth } from './auth';
import { registerDataFeatures, type DataFeatures } from './commands/data';
import { registerEnvironmentCommands } from './commands/environments';
import { registerInstanceCommands } from './commands/instances';
import { registerProcessCommands } from './commands/process';
import { registerTreeCommands } from './commands/tree';
import { ValidationProblems } from './commands/validationProblems';
import { registerViewCommands } from './commands/views';
import { PinStore } from './environments/pins';
import { EnvironmentRegistry } from './environments/registry';
import { FilterStore } from './tree/filters';
import { ApplicationCache, type TreeServices } from './tree/services';
import { watchTreeSettings } from './tree/settingsWatcher';
import type { AltinnTreeProvider } from './tree/provider';
import { AltinnTree } from './tree/view';
import { createLog } from './util/log';
import { ReadOnlyDocuments } from './util/readOnlyDocuments';

/** What `activate()` returns: used by the integration tests and by anyone scripting the extension. */
export interface AltinnExplorerApi {
  readonly registry: EnvironmentRegistry;
  readonly auth: ReturnType<typeof registerAuth>;
  readonly tree: AltinnTree;
  readonly services: TreeServices;
  readonly problems: ValidationProblems;
  readonly data: DataFeatures;
  readonly log: vscode.LogOutputChannel;
  refresh(): Promise<void>;
  getTreeProvider(): AltinnTreeProvider;
}

export function activate(context: vscode.ExtensionContext): AltinnExplorerApi {
  const log = createLog();
  context.subscriptions.push(log);

  // Clients ask auth for tokens and auth reads the registry: the registry reaches auth through a
  // closure, which first runs on a request, after activation.
  const registry = new EnvironmentRegistry({
    log,
    getToken: (envId, opts) => altinnAuth.getToken(envId, opts),
    userAgent: `altinn-explorer/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`,
  });
  context.subscriptions.push(registry);
  const altinnAuth = registerAuth(context, { registry, log });

  const filters = new FilterStore(context.workspaceState);
  const services: TreeServices = { registry, auth: altinnAuth, pins: new PinStore(), filters, applications: new ApplicationCache(registry) };
  const tree = new AltinnTree(services, log);
  const documents = new ReadOnlyDocuments();
  const problems = new ValidationProblems(documents);
  context.subscriptions.push(tree, documents, problems, watchTreeSettings(tree, services));

  const deps = { registry, auth: altinnAuth, log, tree, services, documents, problems };
  registerTreeCommands(context, deps);
  registerEnvironmentCommands(context, deps);
  registerInstanceCommands(context, deps);
  registerProcessCommands(context, deps);
  registerViewCommands(context, deps);
  const data = registerDataFeatures(context, { registry, log, tree });

  return { registry, auth: altinnAuth, tree, services, problems, data, log, refresh: () => tree.refresh(), getTreeProvider: () => tree.provider };
}

export function deactivate(): void {}

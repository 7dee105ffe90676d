import * as vscode from 'vscode';
import { describeIdentity, registerAuth } from './auth';
import type { CommandContext } from './commands/context';
import { dropOnto } from './commands/dataActions';
import { CommandIds } from './commands/ids';
import { COMMANDS } from './commands/table';
import { Targets } from './commands/targets';
import { ValidationProblems } from './commands/validationProblems';
import { registerAltinnCommand } from './commands/wrapper';
import { PinStore } from './environments/pins';
import { EnvironmentRegistry } from './environments/registry';
import { DataService } from './fs/dataService';
import { ALTINN_SCHEME, dataUri, type DataRef } from './fs/dataUri';
import { dataPrompts } from './fs/prompts';
import { AltinnFileSystemProvider } from './fs/provider';
import { OverviewPanels } from './overview/panel';
import { ReadOnlyStatus } from './fs/readOnlyStatus';
import { SERVER_VERSION_SCHEME, ServerVersions } from './fs/serverVersions';
import type { AltinnNode } from './tree/base';
import { FilterStore } from './tree/filters';
import type { AltinnTreeProvider } from './tree/provider';
import { ApplicationCache, type TreeServices } from './tree/services';
import { watchTreeSettings } from './tree/settingsWatcher';
import { AltinnTree } from './tree/view';
import { createLog } from './util/log';
import { PromptHost } from './util/prompts';
import { ReadOnlyDocuments } from './util/readOnlyDocuments';

/** The data features, for activate()'s test API. */
export interface DataFeatures {
  readonly fileSystem: AltinnFileSystemProvider;
  /** The `altinn:` URI an element opens under (format per `altinn.formDataFormat`). */
  uriFor(ref: DataRef): vscode.Uri;
  /** What dropping `data` onto a tree node does (the tree's drag-and-drop controller calls it). */
  drop(target: AltinnNode | undefined, data: vscode.DataTransfer): Promise<void>;
}

/** What `activate()` returns: used by the integration tests and by anyone scripting the extension. */
export interface AltinnExplorerApi {
  readonly registry: EnvironmentRegistry;
  readonly auth: ReturnType<typeof registerAuth>['auth'];
  readonly tree: AltinnTree;
  readonly services: TreeServices;
  readonly problems: ValidationProblems;
  readonly data: DataFeatures;
  /** Every dialog of the extension goes through these; `prompts.use(...)` answers them instead of the user. */
  readonly prompts: PromptHost;
  readonly log: vscode.LogOutputChannel;
  refresh(): Promise<void>;
  getTreeProvider(): AltinnTreeProvider;
}

export function activate(context: vscode.ExtensionContext): AltinnExplorerApi {
  const log = createLog();
  const prompts = new PromptHost();
  context.subscriptions.push(log);

  // Clients ask auth for tokens and auth reads the registry: the registry reaches auth through a
  // closure, which first runs on a request, after activation.
  const registry = new EnvironmentRegistry({
    log,
    getToken: (envId, opts) => altinnAuth.getToken(envId, opts),
    userAgent: `altinn-explorer/${String(context.extension.packageJSON.version)} vscode/${vscode.version}`,
  });
  context.subscriptions.push(registry);
  const { auth: altinnAuth, claims } = registerAuth(context, { registry, log, ui: prompts });

  const filters = new FilterStore(context.workspaceState);
  const services: TreeServices = { registry, auth: altinnAuth, pins: new PinStore(), filters, applications: new ApplicationCache(registry), prompts };
  const tree = new AltinnTree(services, log);
  const documents = new ReadOnlyDocuments();
  const problems = new ValidationProblems(documents);
  context.subscriptions.push(tree, documents, problems, watchTreeSettings(tree, services));

  const data = registerDataFeatures(context, { registry, log, tree, prompts });
  const overviews = new OverviewPanels(context.extensionUri, tree.provider.onDidChangeTreeData);
  context.subscriptions.push(overviews);

  const ctx: CommandContext = {
    registry,
    auth: {
      getToken: (envId, opts) => altinnAuth.getToken(envId, opts),
      getIdentity: (envId) => altinnAuth.getIdentity(envId),
      onDidChange: altinnAuth.onDidChange,
      signIn: (envId) => altinnAuth.signIn(envId),
      signOut: (envId) => altinnAuth.signOut(envId),
      showClaims: (envId) => claims.show(envId),
      describe: describeIdentity,
    },
    log,
    tree,
    services,
    documents,
    problems,
    prompts,
    targets: new Targets({ registry, auth: altinnAuth, tree, services, prompts }),
    data: data.context,
    overviews,
  };
  for (const command of COMMANDS) {
    context.subscriptions.push(registerAltinnCommand(command.id, (...args) => command.run(ctx, ...args), ctx));
  }

  return {
    registry,
    auth: altinnAuth,
    tree,
    services,
    problems,
    data: data.features,
    prompts,
    log,
    refresh: () => tree.refresh(),
    getTreeProvider: () => tree.provider,
  };
}

/** The `altinn:` file system, the read-only indicator, the server versions of conflicts and dropping files onto instances. */
function registerDataFeatures(
  context: vscode.ExtensionContext,
  deps: { registry: EnvironmentRegistry; log: vscode.LogOutputChannel; tree: AltinnTree; prompts: PromptHost },
): { context: CommandContext['data']; features: DataFeatures } {
  const questions = dataPrompts(deps.prompts);
  const service = new DataService(deps.registry);
  const serverVersions = new ServerVersions();
  const fileSystem = new AltinnFileSystemProvider({ service, prompts: questions, serverVersions, log: deps.log });
  const status = new ReadOnlyStatus(fileSystem, CommandIds.showReadOnlyReason);
  context.subscriptions.push(
    fileSystem,
    serverVersions,
    status,
    vscode.workspace.registerFileSystemProvider(ALTINN_SCHEME, fileSystem, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SERVER_VERSION_SCHEME, serverVersions),
    fileSystem.onDidWriteElement((ref) => void deps.tree.refreshInstance(ref.envId, `${ref.instanceId.partyId}/${ref.instanceId.guid}`)),
    deps.tree.onDrop(dropOnto),
  );
  return { context: { service, prompts: questions, fileSystem, status }, features: { fileSystem, uriFor: dataUri, drop: dropOnto } };
}

export function deactivate(): void {}

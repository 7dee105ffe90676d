import * as vscode from 'vscode';
import { formatInstanceId } from './api';
import { describeIdentity, registerAuth } from './auth';
import type { CommandContext } from './commands/context';
import { dropOnto, formDataFormat } from './commands/dataActions';
import { CommandIds } from './commands/ids';
import { COMMANDS } from './commands/table';
import { RecentInstances } from './commands/recentInstances';
import { Targets } from './commands/targets';
import { ValidationProblems } from './commands/validationProblems';
import { registerAltinnCommand } from './commands/wrapper';
import { PinStore } from './environments/pins';
import { EnvironmentRegistry } from './environments/registry';
import { EnvironmentStatus } from './environments/statusBar';
import { askBeforeChange } from './environments/writeGuard';
import { WorkspaceEnvironmentsNotice } from './environments/workspaceSettings';
import { DataService, type ApplicationSource } from './fs/dataService';
import { ALTINN_SCHEME, dataUri, type DataRef } from './fs/dataUri';
import { dataPrompts } from './fs/prompts';
import { AltinnFileSystemProvider } from './fs/provider';
import { ReadOnlyStatus } from './fs/readOnlyStatus';
import { SaveReasons } from './fs/saveReasons';
import { SERVER_VERSION_SCHEME, ServerVersions } from './fs/serverVersions';
import type { AltinnNode } from './tree/base';
import { FilterStore } from './tree/filters';
import { OwnerNames } from './tree/ownerNames';
import type { AltinnTreeProvider } from './tree/provider';
import { ApplicationCache, type TreeServices } from './tree/services';
import { watchTreeSettings } from './tree/settingsWatcher';
import { AltinnTree } from './tree/view';
import { errorMessage, isCancellation } from './util/errors';
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
  /** The status bar item naming the active Altinn editor's environment and identity. */
  readonly environmentStatus: EnvironmentStatus;
  /** Tells the user about `altinn.environments` in workspace settings, which are ignored. */
  readonly workspaceEnvironments: WorkspaceEnvironmentsNotice;
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
  const services: TreeServices = { registry, auth: altinnAuth, pins: new PinStore(), filters, applications: new ApplicationCache(registry), ownerNames: new OwnerNames(), prompts };
  const tree = new AltinnTree(services, log);
  const documents = new ReadOnlyDocuments();
  const problems = new ValidationProblems(documents, {
    open: (uri) => Promise.resolve(vscode.workspace.openTextDocument(uri)).catch(() => undefined),
    format: formDataFormat,
  });
  context.subscriptions.push(tree, documents, problems, watchTreeSettings(tree, services));

  const data = registerDataFeatures(context, { registry, applications: services.applications, log, tree, prompts });
  context.subscriptions.push(recheckAfterSave(data.features.fileSystem, problems, registry, log));

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
    targets: new Targets({ registry, auth: altinnAuth, tree, services, prompts, recent: new RecentInstances(context.globalState) }),
    data: data.context,
    extension: context,
  };
  const environmentStatus = new EnvironmentStatus({
    registry,
    envIdOf: (uri) => (uri.scheme === ALTINN_SCHEME && uri.authority ? decodeURIComponent(uri.authority) : undefined),
    identityOf: (envId) => {
      const identity = altinnAuth.getIdentity(envId);
      return identity && describeIdentity(identity);
    },
    onDidChangeIdentity: altinnAuth.onDidChange,
  });
  const workspaceEnvironments = new WorkspaceEnvironmentsNotice(prompts);
  context.subscriptions.push(environmentStatus, workspaceEnvironments);
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
    environmentStatus,
    workspaceEnvironments,
    refresh: () => tree.refresh(),
    getTreeProvider: () => tree.provider,
  };
}

/** The `altinn:` file system, the read-only indicator, the server versions of conflicts and dropping files onto instances. */
function registerDataFeatures(
  context: vscode.ExtensionContext,
  deps: { registry: EnvironmentRegistry; applications: ApplicationSource; log: vscode.LogOutputChannel; tree: AltinnTree; prompts: PromptHost },
): { context: CommandContext['data']; features: DataFeatures } {
  const questions = dataPrompts(deps.prompts);
  const service = new DataService(deps.registry, deps.applications);
  const serverVersions = new ServerVersions();
  const saveReasons = new SaveReasons();
  const askBeforeSave = (ref: DataRef): Promise<boolean> =>
    askBeforeChange(deps, [ref.envId], {
      message: vscode.l10n.t('Save "{0}" to instance {1}/{2}?', ref.fileName, ref.instanceId.partyId, ref.instanceId.guid),
      confirm: vscode.l10n.t('Save'),
    }).then(() => true, (err: unknown) => (isCancellation(err) ? false : Promise.reject(err)));
  const fileSystem = new AltinnFileSystemProvider({ service, prompts: questions, serverVersions, log: deps.log, saveReasons, askBeforeSave });
  const status = new ReadOnlyStatus(fileSystem, CommandIds.showReadOnlyReason);
  context.subscriptions.push(
    fileSystem,
    saveReasons,
    serverVersions,
    status,
    vscode.workspace.registerFileSystemProvider(ALTINN_SCHEME, fileSystem, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SERVER_VERSION_SCHEME, serverVersions),
    fileSystem.onDidWriteElement((ref) => void deps.tree.refreshInstance(ref.envId, formatInstanceId(ref.instanceId))),
    followTree(deps.tree, fileSystem),
    deps.tree.onDrop(dropOnto),
  );
  return { context: { service, prompts: questions, fileSystem, status }, features: { fileSystem, uriFor: dataUri, drop: dropOnto } };
}

/** Issues listed for an instance are checked again once a save changed its data (docs/altinn-behaviour.md §1.5). */
function recheckAfterSave(fileSystem: AltinnFileSystemProvider, problems: ValidationProblems, registry: EnvironmentRegistry, log: vscode.LogOutputChannel): vscode.Disposable {
  return fileSystem.onDidWriteElement((ref) => {
    const instanceId = formatInstanceId(ref.instanceId);
    if (!problems.has(ref.envId, instanceId)) {
      return;
    }
    const validate = () => registry.client(ref.envId).instances.validate({ appId: ref.appId, id: instanceId });
    problems.recheck(ref.envId, instanceId, validate).catch((err: unknown) => log.warn(`validation of ${instanceId} after a save failed: ${errorMessage(err)}`));
  });
}

/**
 * Every change the extension makes to an instance ends in a refresh of it (process next, complete, delete,
 * substatus, upload, replace, save), and so does every refresh the user asks for: open editors follow each one.
 */
function followTree(tree: AltinnTree, fileSystem: AltinnFileSystemProvider): vscode.Disposable {
  return vscode.Disposable.from(
    tree.onDidChangeInstance((change) => void fileSystem.followServer(change, change.instance)),
    // Refreshing the view, an environment or an app re-reads every instance below it; a redraw (a page loaded, a
    // filter, masked owner ids, a pin) asks Altinn for nothing on behalf of open tabs.
    tree.onDidRefresh((node) => void fileSystem.followServer(node ? { envId: node.context.envId } : undefined)),
  );
}

export function deactivate(): void {}

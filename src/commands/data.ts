import * as vscode from 'vscode';
import type { EnvironmentRegistry } from '../environments/registry';
import { ALTINN_SCHEME, dataUri, type DataRef } from '../fs/dataUri';
import { DataService } from '../fs/dataService';
import { uriListFromDrop } from '../fs/drop';
import { defaultPrompts, type DataPrompts } from '../fs/prompts';
import { AltinnFileSystemProvider } from '../fs/provider';
import { ReadOnlyStatus, SHOW_READ_ONLY_REASON_COMMAND } from '../fs/readOnlyStatus';
import { SERVER_VERSION_SCHEME, ServerVersions } from '../fs/serverVersions';
import type { AltinnNode } from '../tree/base';
import type { AltinnTree } from '../tree/view';
import {
  deleteDataElement,
  downloadDataElements,
  downloadInstanceData,
  openDataElement,
  readOnlyReasonOf,
  uploadToInstance,
  type DataCommandDeps,
} from './dataActions';
import { CommandIds } from './ids';
import { registerAltinnCommand } from './wrapper';

export const DataCommandIds = {
  openDataElement: CommandIds.openDataElement,
  uploadAttachment: 'altinn.uploadAttachment',
  downloadDataElement: 'altinn.downloadDataElement',
  downloadInstanceData: 'altinn.downloadInstanceData',
  deleteDataElement: 'altinn.deleteDataElement',
  showReadOnlyReason: SHOW_READ_ONLY_REASON_COMMAND,
} as const;

export interface DataFeatureDeps {
  readonly registry: Pick<EnvironmentRegistry, 'list' | 'client' | 'changeCount'>;
  readonly log: vscode.LogOutputChannel;
  readonly tree: Pick<AltinnTree, 'refresh' | 'refreshInstance' | 'onDrop'>;
  /** Replaced by tests; the user's dialogs otherwise. */
  readonly prompts?: DataPrompts;
}

/** What the data features hand back, for activate()'s test API. */
export interface DataFeatures {
  /** The dialogs the data features use; tests replace members to answer them. */
  readonly prompts: DataPrompts;
  readonly fileSystem: AltinnFileSystemProvider;
  /** The `altinn:` URI an element opens under (format per `altinn.formDataFormat`). */
  uriFor(ref: DataRef): vscode.Uri;
  /** What dropping `data` onto a tree node does (the tree's drag-and-drop controller calls it). */
  drop(target: AltinnNode | undefined, data: vscode.DataTransfer): Promise<void>;
}

/** The `altinn:` file system, the read-only indicator, the data commands and dropping files onto instances. */
export function registerDataFeatures(context: vscode.ExtensionContext, deps: DataFeatureDeps): DataFeatures {
  const prompts: DataPrompts = { ...(deps.prompts ?? defaultPrompts()) };
  const service = new DataService(deps.registry);
  const serverVersions = new ServerVersions();
  const fileSystem = new AltinnFileSystemProvider({ service, prompts, serverVersions, log: deps.log });
  const status = new ReadOnlyStatus(fileSystem);
  context.subscriptions.push(
    fileSystem,
    serverVersions,
    status,
    vscode.workspace.registerFileSystemProvider(ALTINN_SCHEME, fileSystem, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(SERVER_VERSION_SCHEME, serverVersions),
  );

  const refresh = async (target: { envId: string; instance: { id: string } }): Promise<void> => {
    await deps.tree.refreshInstance(target.envId, target.instance.id);
  };
  context.subscriptions.push(
    fileSystem.onDidWriteElement((ref) => void deps.tree.refreshInstance(ref.envId, `${ref.instanceId.partyId}/${ref.instanceId.guid}`)),
  );
  const actions: DataCommandDeps = { service, prompts, fileSystem, log: deps.log, registry: deps.registry, refresh };
  const register = (id: string, run: Parameters<typeof registerAltinnCommand>[1]): void => {
    context.subscriptions.push(registerAltinnCommand(id, run, deps));
  };
  register(DataCommandIds.openDataElement, (node?: AltinnNode) => openDataElement(actions, node));
  register(DataCommandIds.uploadAttachment, (node?: AltinnNode, files?: unknown) => uploadToInstance(actions, node, files));
  register(DataCommandIds.downloadDataElement, (node?: AltinnNode, selected?: AltinnNode[]) => downloadDataElements(actions, node, selected));
  register(DataCommandIds.downloadInstanceData, (node?: AltinnNode, selected?: AltinnNode[]) => downloadInstanceData(actions, node, selected));
  register(DataCommandIds.deleteDataElement, (node?: AltinnNode) => deleteDataElement(actions, node));
  register(DataCommandIds.showReadOnlyReason, async (node?: AltinnNode) => {
    const reason = node ? await readOnlyReasonOf(actions, node) : status.currentReason();
    prompts.info(reason ?? vscode.l10n.t('This data element can be edited.'));
  });

  // Files dropped onto an instance (or one of its elements) go through the upload command, so its checks,
  // progress and error reporting apply.
  const drop = async (target: AltinnNode | undefined, data: vscode.DataTransfer): Promise<void> => {
    const files = await uriListFromDrop(data);
    if (target?.context.instance && files.length > 0) {
      await vscode.commands.executeCommand(DataCommandIds.uploadAttachment, target, files);
    }
  };
  context.subscriptions.push(deps.tree.onDrop(drop));

  return { prompts, fileSystem, uriFor: dataUri, drop };
}

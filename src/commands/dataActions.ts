import * as vscode from 'vscode';
import { formatAppId, parseInstanceId, type DataElement } from '../api';
import type { EnvironmentRegistry } from '../environments/registry';
import { editorFileName, MAX_OPEN_BYTES, openMode, type FormDataFormat } from '../fs/classify';
import { askForElement, askForInstance, elementTargetOf, instanceTargetOf, type ElementTarget, type InstanceTarget } from '../fs/dataTargets';
import { dataUri, type DataRef } from '../fs/dataUri';
import type { DataService, ElementState } from '../fs/dataService';
import { downloadElements, instanceFolder, totalBytes, type DownloadItem } from '../fs/downloads';
import type { DataPrompts } from '../fs/prompts';
import type { AltinnFileSystemProvider } from '../fs/provider';
import { readOnlyReason } from '../fs/ruleText';
import { uploadAttachments } from '../fs/uploads';
import { nodesToActOn, type AltinnNode } from '../tree/base';
import { mutate, required } from '../util/errors';
import { withProgress } from '../util/progress';

export interface DataCommandDeps {
  readonly service: DataService;
  readonly prompts: DataPrompts;
  readonly fileSystem: AltinnFileSystemProvider;
  readonly log: vscode.LogOutputChannel;
  readonly registry: Pick<EnvironmentRegistry, 'list' | 'client'>;
  readonly refresh: (target: InstanceTarget) => Promise<void>;
}

export function formDataFormat(): FormDataFormat {
  return vscode.workspace.getConfiguration('altinn').get<string>('formDataFormat', 'xml') === 'json' ? 'json' : 'xml';
}

async function elementTarget(deps: DataCommandDeps, node?: AltinnNode): Promise<ElementTarget> {
  return (node && elementTargetOf(node)) ?? (await askForElement(deps, node && instanceTargetOf(node)));
}

async function instanceTarget(deps: DataCommandDeps, node?: AltinnNode): Promise<InstanceTarget> {
  return (node && instanceTargetOf(node)) ?? (await askForInstance(deps));
}

function refOf(target: ElementTarget, fileName: string): DataRef {
  return { envId: target.envId, appId: target.appId, instanceId: parseInstanceId(target.instance.id), dataId: target.element.id, fileName };
}

/**
 * Opens an element in an editor tab (form data as XML or JSON, images in the image preview) or, for
 * other binaries and anything over 50 MB, offers a download. Returns the `altinn:` URI when opened.
 */
export async function openDataElement(deps: DataCommandDeps, node?: AltinnNode): Promise<vscode.Uri | undefined> {
  const target = await elementTarget(deps, node);
  const state = await serverState(deps, target, vscode.l10n.t('Opening {0}…', target.element.filename ?? target.element.dataType));
  const mode = openMode(state.element, state.dataType, formDataFormat());
  if (mode.kind === 'download') {
    const message =
      mode.reason === 'tooLarge'
        ? vscode.l10n.t('"{0}" is larger than {1} MB and cannot open in an editor.', state.element.filename ?? state.element.dataType, MAX_OPEN_BYTES / 1024 / 1024)
        : vscode.l10n.t('"{0}" ({1}) cannot open in an editor.', state.element.filename ?? state.element.dataType, state.element.contentType ?? '?');
    if (await deps.prompts.offerDownload(message)) {
      await downloadInto(deps, [{ ...target, element: state.element }], await pickFolder(deps), false);
    }
    return undefined;
  }
  const uri = dataUri(refOf(target, editorFileName(state.element, mode)));
  if (mode.kind === 'image') {
    await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
  }
  const reason = deps.fileSystem.readOnlyReason(uri);
  if (reason) {
    deps.prompts.info(vscode.l10n.t('Opened read-only: {0}', reason));
  }
  return uri;
}

/** Why the element of a tree node is read-only, from fresh server state; undefined if it is writable. */
export async function readOnlyReasonOf(deps: DataCommandDeps, node: AltinnNode): Promise<string | undefined> {
  const target = await elementTarget(deps, node);
  const state = await serverState(deps, target, vscode.l10n.t('Checking {0}…', target.element.filename ?? target.element.dataType));
  return readOnlyReason(state.instance, state.element, state.dataType, await deps.service.process(refOf(target, 'probe')));
}

/** The element as the server has it now, under a progress notification; an error if it is gone. */
async function serverState(deps: DataCommandDeps, target: ElementTarget, title: string): Promise<ElementState> {
  const state = await withProgress(title, (signal) => deps.service.state(refOf(target, 'probe'), signal));
  if (!state) {
    throw new Error(vscode.l10n.t('The data element {0} no longer exists on the server.', target.element.id));
  }
  return state;
}

export async function uploadToInstance(deps: DataCommandDeps, node?: AltinnNode, files?: unknown): Promise<DataElement[]> {
  const target = await instanceTarget(deps, node);
  const uris = Array.isArray(files) ? files.filter((f): f is vscode.Uri => f instanceof vscode.Uri) : undefined;
  return uploadAttachments(deps, target, uris);
}

/** Downloads the selected data elements, side by side, into one folder the user picks. */
export async function downloadDataElements(deps: DataCommandDeps, node?: AltinnNode, selected?: AltinnNode[]): Promise<string[]> {
  const chosen = nodesToActOn(node, selected)
    .map(elementTargetOf)
    .filter((t): t is ElementTarget => t !== undefined);
  const targets = chosen.length > 0 ? chosen : [await askForElement(deps)];
  return downloadInto(deps, targets, await pickFolder(deps), false);
}

/** Downloads every data element of the selected instances, one sub-folder per instance. */
export async function downloadInstanceData(deps: DataCommandDeps, node?: AltinnNode, selected?: AltinnNode[]): Promise<string[]> {
  const chosen = nodesToActOn(node, selected)
    .filter((n) => !n.context.dataElement)
    .map(instanceTargetOf)
    .filter((t): t is InstanceTarget => t !== undefined);
  const instances = chosen.length > 0 ? chosen : [await askForInstance(deps)];
  const folder = await pickFolder(deps);
  const fresh = await withProgress(vscode.l10n.t('Listing data of {0} instance(s)…', instances.length), (signal) =>
    Promise.all(instances.map(async (t) => ({ ...t, instance: await deps.service.client(t.envId).instances.get(t.instance, { signal }) }))),
  );
  const elements = fresh.flatMap((t) => (t.instance.data ?? []).map((element) => ({ ...t, element })));
  if (elements.length === 0) {
    throw new Error(vscode.l10n.t('The selected instances have no data elements.'));
  }
  return downloadInto(deps, elements, folder, true);
}

async function pickFolder(deps: DataCommandDeps): Promise<string> {
  const folder = required(await deps.prompts.pickFolder(vscode.l10n.t('Download into folder')));
  if (folder.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Downloads go to a local folder: {0}', folder.toString()));
  }
  return folder.fsPath;
}

async function downloadInto(deps: DataCommandDeps, targets: ElementTarget[], folder: string, perInstance: boolean): Promise<string[]> {
  const items: DownloadItem[] = [];
  for (const t of targets) {
    items.push({
      ref: { appId: t.appId, id: t.instance.id },
      element: t.element,
      dataType: await deps.service.dataType(t.envId, t.appId, t.element.dataType).catch(() => undefined),
      folder: perInstance ? await instanceFolder(folder, t.instance) : folder,
    });
  }
  const envOf = new Map(items.map((item, i) => [item, targets[i].envId]));
  const total = totalBytes(items);
  const written = await withProgress(vscode.l10n.t('Downloading {0} file(s)…', items.length), (signal, progress) =>
    downloadElements(
      (item) => deps.service.client(envOf.get(item) ?? targets[0].envId),
      items,
      {
        file: (name) => progress.report({ message: name }),
        bytes: (delta) => progress.report({ increment: total > 0 ? (delta / total) * 100 : 0 }),
      },
      signal,
    ),
  );
  deps.log.info(`downloaded ${written.length} file(s) into ${folder}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Downloaded {0} file(s) into {1}.', written.length, folder));
  return written;
}

/** Deletes one data element after a modal confirmation; never retried by itself. */
export async function deleteDataElement(deps: DataCommandDeps, node?: AltinnNode): Promise<boolean> {
  const target = await elementTarget(deps, node);
  const label = target.element.filename ?? `${target.element.dataType} (${target.element.id.slice(0, 8)})`;
  if (!(await deps.prompts.confirmDelete(label))) {
    return false;
  }
  await withProgress(vscode.l10n.t('Deleting {0}…', label), (signal) =>
    mutate(
      () => deps.service.client(target.envId).data.delete({ appId: target.appId, id: target.instance.id }, target.element.id, { signal }),
      () => deps.refresh(target),
    ),
  );
  deps.fileSystem.forget(refOf(target, ''));
  deps.log.info(`deleted data element ${target.element.id} of ${formatAppId(target.appId)} ${target.instance.id}`);
  await deps.refresh(target);
  return true;
}

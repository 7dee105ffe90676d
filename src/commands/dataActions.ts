import * as vscode from 'vscode';
import { formatAppId, parseInstanceId } from '../api';
import { askBeforeChange } from '../environments/writeGuard';
import { editorFileName, MAX_OPEN_BYTES, openMode, type FormDataFormat } from '../fs/classify';
import { dataUri, type DataRef } from '../fs/dataUri';
import type { ElementState } from '../fs/dataService';
import { readOnlyReason } from '../fs/ruleText';
import { uriListFromDrop } from '../fs/drop';
import type { AltinnNode } from '../tree/base';
import { mutate } from '../util/errors';
import { withProgress } from '../util/progress';
import type { CommandContext } from './context';
import { CommandIds } from './ids';
import type { ElementTarget, InstanceTarget } from './targets';

export function formDataFormat(): FormDataFormat {
  return vscode.workspace.getConfiguration('altinn').get<string>('formDataFormat', 'xml') === 'json' ? 'json' : 'xml';
}

function refresh(deps: CommandContext, target: InstanceTarget): Promise<void> {
  return deps.tree.refreshInstance(target.envId, target.instance.id);
}

function refOf(target: ElementTarget, fileName: string): DataRef {
  return { envId: target.envId, appId: target.appId, instanceId: parseInstanceId(target.instance.id), dataId: target.element.id, fileName };
}

/**
 * Opens an element in an editor tab (form data as XML or JSON, images in the image preview) or, for
 * other binaries and anything over 50 MB, offers a download. Returns the `altinn:` URI when opened.
 */
export async function openDataElement(deps: CommandContext, node?: AltinnNode): Promise<vscode.Uri | undefined> {
  const target = await deps.targets.element(node);
  const state = await serverState(deps, target, vscode.l10n.t('Opening {0}…', target.element.filename ?? target.element.dataType));
  const mode = openMode(state.element, state.dataType, formDataFormat());
  if (mode.kind === 'download') {
    const message =
      mode.reason === 'tooLarge'
        ? vscode.l10n.t('"{0}" is larger than {1} MB and cannot open in an editor.', state.element.filename ?? state.element.dataType, MAX_OPEN_BYTES / 1024 / 1024)
        : vscode.l10n.t('"{0}" ({1}) cannot open in an editor.', state.element.filename ?? state.element.dataType, state.element.contentType ?? '?');
    if (await deps.data.prompts.offerDownload(message)) {
      const { downloadInto, pickFolder } = await import('./transfers');
      await downloadInto(deps, [{ ...target, element: state.element }], await pickFolder(deps), false);
    }
    return undefined;
  }
  const uri = dataUri(refOf(target, editorFileName(state.element, mode)));
  deps.data.fileSystem.handOver(uri, state);
  if (mode.kind === 'image') {
    await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  } else {
    const document = await vscode.workspace.openTextDocument(uri);
    await deps.prompts.showTextDocument(document, { preview: false });
  }
  const reason = deps.data.fileSystem.readOnlyReason(uri);
  if (reason) {
    deps.data.prompts.info(vscode.l10n.t('Opened read-only: {0}', reason));
  }
  return uri;
}

/** Why the element of a tree node is read-only, from fresh server state; undefined if it is writable. */
export async function readOnlyReasonOf(deps: CommandContext, node: AltinnNode): Promise<string | undefined> {
  const target = await deps.targets.element(node);
  const state = await serverState(deps, target, vscode.l10n.t('Checking {0}…', target.element.filename ?? target.element.dataType));
  return readOnlyReason(state.instance, state.element, state.dataType, await deps.data.service.process(refOf(target, 'probe')));
}

/** The element as the server has it now, under a progress notification; an error if it is gone. */
async function serverState(deps: CommandContext, target: ElementTarget, title: string): Promise<ElementState> {
  const state = await withProgress(title, (signal) => deps.data.service.state(refOf(target, 'probe'), signal));
  if (!state) {
    throw new Error(vscode.l10n.t('The data element {0} no longer exists on the server.', target.element.id));
  }
  return state;
}

/** Deletes one data element after a modal confirmation; never retried by itself. */
export async function deleteDataElement(deps: CommandContext, node?: AltinnNode): Promise<boolean> {
  const target = await deps.targets.element(node);
  const label = target.element.filename ?? `${target.element.dataType} (${target.element.id.slice(0, 8)})`;
  if (!(await deps.data.prompts.confirmDelete(label))) {
    return false;
  }
  await askBeforeChange(deps, [target.envId], { message: vscode.l10n.t('Delete {0} from {1}?', label, target.instance.id), confirm: vscode.l10n.t('Delete') });
  await withProgress(vscode.l10n.t('Deleting {0}…', label), (signal) =>
    mutate(
      () => deps.data.service.client(target.envId).data.delete({ appId: target.appId, id: target.instance.id }, target.element.id, { signal }),
      () => refresh(deps, target),
    ),
  );
  deps.data.fileSystem.forget(refOf(target, ''));
  deps.log.info(`deleted data element ${target.element.id} of ${formatAppId(target.appId)} ${target.instance.id}`);
  await refresh(deps, target);
  return true;
}

/** The status bar's lock, or a node's: why the element is read-only, told in a notice. */
export async function showReadOnlyReason(deps: CommandContext, node?: AltinnNode): Promise<void> {
  const reason = node ? await readOnlyReasonOf(deps, node) : deps.data.status.currentReason();
  deps.data.prompts.info(reason ?? vscode.l10n.t('This data element can be edited.'));
}

/**
 * Files dropped onto an instance (or one of its elements) go through the upload command, so its checks,
 * progress and error reporting apply.
 */
export async function dropOnto(target: AltinnNode | undefined, data: vscode.DataTransfer): Promise<void> {
  const files = await uriListFromDrop(data);
  if (target?.context.instance && files.length > 0) {
    await vscode.commands.executeCommand(CommandIds.uploadAttachment, target, files);
  }
}

// Uploads and downloads of data elements: a lazy bundle (esbuild-lazy.js), read the first time files move.
import * as vscode from 'vscode';
import type { DataElement } from '../api';
import { askBeforeChange } from '../environments/writeGuard';
import { downloadElements, instanceFolder, totalBytes, type DownloadItem } from '../fs/downloads';
import { uploadAttachments } from '../fs/uploads';
import { nodesToActOn, type AltinnNode } from '../tree/base';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { CommandContext } from './context';
import { elementTargetOf, instanceTargetOf, type ElementTarget, type InstanceTarget } from './targets';

export async function uploadToInstance(deps: CommandContext, node?: AltinnNode, files?: unknown): Promise<DataElement[]> {
  const target = await deps.targets.instance(node);
  await askBeforeChange(deps, [target.envId], { message: vscode.l10n.t('Upload files to {0}?', target.instance.id), confirm: vscode.l10n.t('Upload') });
  const uris = Array.isArray(files) ? files.filter((f): f is vscode.Uri => f instanceof vscode.Uri) : undefined;
  return uploadAttachments({ service: deps.data.service, prompts: deps.data.prompts, log: deps.log, refresh: (t) => deps.tree.refreshInstance(t.envId, t.instance.id) }, target, uris);
}

/** Downloads the selected data elements, side by side, into one folder the user picks. */
export async function downloadDataElements(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<string[]> {
  const chosen = nodesToActOn(node, selected)
    .map(elementTargetOf)
    .filter((t): t is ElementTarget => t !== undefined);
  const targets = chosen.length > 0 ? chosen : [await deps.targets.element()];
  return downloadInto(deps, targets, await pickFolder(deps), false);
}

/** Downloads every data element of the selected instances, one sub-folder per instance. */
export async function downloadInstanceData(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<string[]> {
  const chosen = nodesToActOn(node, selected)
    .filter((n) => !n.context.dataElement)
    .map(instanceTargetOf)
    .filter((t): t is InstanceTarget => t !== undefined);
  const instances = chosen.length > 0 ? chosen : [await deps.targets.instance()];
  const folder = await pickFolder(deps);
  const fresh = await withProgress(vscode.l10n.t('Listing data of {0} instance(s)…', instances.length), (signal) =>
    Promise.all(instances.map(async (t) => ({ ...t, instance: await deps.data.service.client(t.envId).instances.get(t.instance, { signal }) }))),
  );
  const elements = fresh.flatMap((t) => (t.instance.data ?? []).map((element) => ({ ...t, element })));
  if (elements.length === 0) {
    throw new Error(vscode.l10n.t('The selected instances have no data elements.'));
  }
  return downloadInto(deps, elements, folder, true);
}

export async function pickFolder(deps: CommandContext): Promise<string> {
  const folder = required(await deps.data.prompts.pickFolder(vscode.l10n.t('Download into folder')));
  if (folder.scheme !== 'file') {
    throw new Error(vscode.l10n.t('Downloads go to a local folder: {0}', folder.toString()));
  }
  return folder.fsPath;
}

export async function downloadInto(deps: CommandContext, targets: ElementTarget[], folder: string, perInstance: boolean): Promise<string[]> {
  const items: DownloadItem[] = [];
  for (const t of targets) {
    items.push({
      ref: { appId: t.appId, id: t.instance.id },
      element: t.element,
      dataType: await deps.data.service.dataType(t.envId, t.appId, t.element.dataType).catch(() => undefined),
      folder: perInstance ? await instanceFolder(folder, t.instance) : folder,
    });
  }
  const envOf = new Map(items.map((item, i) => [item, targets[i].envId]));
  const total = totalBytes(items);
  const written = await withProgress(vscode.l10n.t('Downloading {0} file(s)…', items.length), (signal, progress) =>
    downloadElements(
      (item) => deps.data.service.client(envOf.get(item) ?? targets[0].envId),
      items,
      {
        file: (name) => progress.report({ message: name }),
        bytes: (delta) => progress.report({ increment: total > 0 ? (delta / total) * 100 : 0 }),
      },
      signal,
    ),
  );
  deps.log.info(`downloaded ${written.length} file(s) into ${folder}`);
  void deps.prompts.showInformationMessage(vscode.l10n.t('Downloaded {0} file(s) into {1}.', written.length, folder));
  return written;
}

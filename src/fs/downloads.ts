import * as fs from 'node:fs/promises';
import type { AltinnClient, DataElement, DataType, Instance, InstanceRef } from '../api';
import { downloadFileName } from './classify';
import { childPath, freeChildPath, safeFileName } from './filenames';

/** One element to fetch, and the folder it goes into. */
export interface DownloadItem {
  readonly ref: InstanceRef;
  readonly element: DataElement;
  readonly dataType: DataType | undefined;
  readonly folder: string;
}

export interface DownloadProgress {
  /** Called with the bytes received since the previous call. */
  bytes(delta: number): void;
  file(name: string): void;
}

/** The sub-folder an instance's data goes into when several instances are downloaded at once. */
export function instanceFolderName(instance: Instance): string {
  return safeFileName(instance.id.replace('/', '-'), 'instance');
}

/** The folder for one instance inside `parent`, created if needed and never outside `parent`. */
export async function instanceFolder(parent: string, instance: Instance): Promise<string> {
  const folder = childPath(parent, instanceFolderName(instance));
  await fs.mkdir(folder, { recursive: true });
  return folder;
}

/**
 * Streams each element to a free name in its folder. The server's filename is reduced to one harmless
 * path segment first (a `../../x` stays inside the folder); a failed or cancelled download leaves
 * only what src/api cleans up, never a file under the final name.
 */
export async function downloadElements(
  client: (item: DownloadItem) => AltinnClient,
  items: readonly DownloadItem[],
  progress: DownloadProgress,
  signal: AbortSignal,
): Promise<string[]> {
  const written: string[] = [];
  const reserved = new Set<string>();
  for (const item of items) {
    signal.throwIfAborted();
    const target = freeChildPath(item.folder, downloadFileName(item.element, item.dataType), reserved);
    reserved.add(target);
    progress.file(item.element.filename ?? item.element.dataType);
    let previous = 0;
    await client(item).data.downloadTo(item.ref, item.element.id, target, {
      signal,
      onProgress: (received) => {
        progress.bytes(received - previous);
        previous = received;
      },
    });
    written.push(target);
  }
  return written;
}

/** Total bytes, for the progress bar; elements without a size count as zero. */
export function totalBytes(items: readonly DownloadItem[]): number {
  return items.reduce((sum, i) => sum + (i.element.size ?? 0), 0);
}

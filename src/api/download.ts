// Data element downloads: a Buffer for small ones, a stream or a file for large ones. A file is
// written to `<file>.part` and renamed only when complete, so a cancelled or failed download
// never leaves a partial file under the final name.
import { createWriteStream } from 'node:fs';
import { lstat, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { filenameFromContentDisposition } from './content-disposition';
import { type ApiContext, appInstanceUrl, type CallOptions } from './context';
import { AltinnApiError, AltinnInputError } from './errors';
import { type InstanceRef, parseGuid } from './ids';
import { redactUrl } from './urls';

export interface DownloadInfo {
  contentType?: string;
  /** From Content-Length, when the server sent it. */
  size?: number;
  filename?: string;
}

export type DataStream = Readable & DownloadInfo;

export interface DownloadOptions extends CallOptions {
  /** Accept header; by default form data comes as XML (see STORED_FORM_ACCEPT). */
  accept?: string;
  /** Refuse bodies larger than this into memory (default 64 MiB): use downloadTo or stream. */
  maxBytes?: number;
}

export interface DownloadToOptions extends CallOptions {
  accept?: string;
  onProgress?(received: number, total: number | undefined): void;
}

export interface DownloadResult extends DownloadInfo {
  path: string;
  bytes: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Downloads ask for the stored form of an element. Form data goes through ASP.NET content negotiation with
 * JSON first, and an Accept that holds the any-type wildcard is ignored altogether (so the old
 * "application/octet-stream, any" got JSON): only an Accept naming XML and no wildcard gets XML, the format
 * Storage keeps form data in. Binary data is a file result, which ignores Accept. (Altinn/app-lib-dotnet DataController.GetFormData `Ok(appModel)`,
 * Extensions/ServiceCollectionExtensions.cs AddXmlSerializerFormatters; docs/altinn-behaviour.md §1.3.)
 */
const STORED_FORM_ACCEPT = 'application/xml, application/octet-stream;q=0.9';
/**
 * The file stream's buffer. At the default 16 KiB every 64 KiB socket chunk is one write and the socket waits
 * for it; with 1 MiB the chunks that arrive during a write go out together in one writev, so reading goes on
 * meanwhile (≈ 1.5× throughput and less CPU on a 200 MB download, BENCHMARKS.md figure 5).
 */
const FILE_HIGH_WATER_MARK = 1 << 20;

export async function openDataStream(ctx: ApiContext, ref: InstanceRef, dataId: string, opts: DownloadToOptions): Promise<DataStream> {
  const url = appInstanceUrl(ctx, ref, 'data', parseGuid(dataId, 'data element id'));
  const response = await ctx.http.openStream({ url, accept: opts.accept ?? STORED_FORM_ACCEPT, signal: opts.signal });
  const length = Number(response.headers['content-length']);
  return Object.assign(response.stream, {
    contentType: response.headers['content-type'],
    size: Number.isFinite(length) && response.headers['content-length'] !== undefined ? length : undefined,
    filename: filenameFromContentDisposition(response.headers['content-disposition']),
  });
}

export async function downloadBuffer(ctx: ApiContext, ref: InstanceRef, dataId: string, opts: DownloadOptions): Promise<Buffer & DownloadInfo> {
  const limit = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const stream = await openDataStream(ctx, ref, dataId, opts);
  if (stream.size !== undefined && stream.size > limit) {
    stream.destroy();
    throw new AltinnInputError({ code: 'theDataElementIsBytes', args: [stream.size, limit] });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      stream.destroy();
      throw new AltinnInputError({ code: 'theDataElementIsMore', args: [limit] });
    }
    chunks.push(chunk as Buffer);
  }
  return Object.assign(Buffer.concat(chunks, total), { contentType: stream.contentType, size: total, filename: stream.filename });
}

async function removeIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export async function downloadToFile(
  ctx: ApiContext,
  ref: InstanceRef,
  dataId: string,
  filePath: string,
  opts: DownloadToOptions,
): Promise<DownloadResult> {
  if (typeof filePath !== 'string' || filePath.trim() === '') throw new AltinnInputError({ code: 'aTargetFilePathIs' });
  const target = path.resolve(filePath);
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new AltinnInputError({ code: 'targetIsFolder', args: [target] });
  if (existing?.isSymbolicLink()) throw new AltinnInputError({ code: 'targetIsSymlink', args: [target] });
  const partial = `${target}.part`;
  // A stale or planted .part (even a symlink) is removed, then created exclusively: O_EXCL does not follow links.
  await removeIfPresent(partial);

  const stream = await openDataStream(ctx, ref, dataId, opts);
  let received = 0;
  // A 'data' listener beside the pipe counts the same chunks without another stream hop per chunk.
  stream.on('data', (chunk: Buffer) => {
    received += chunk.length;
    opts.onProgress?.(received, stream.size);
  });
  const out = createWriteStream(partial, { flags: 'wx', highWaterMark: FILE_HIGH_WATER_MARK });
  try {
    await pipeline(stream, out, { signal: opts.signal });
    if (stream.size !== undefined && received !== stream.size) {
      throw new AltinnApiError({
        kind: 'network',
        method: 'GET',
        url: redactUrl(appInstanceUrl(ctx, ref, 'data', dataId)),
        code: 'ERR_TRUNCATED',
        cause: new Error(`received ${received} of ${stream.size} bytes`),
      });
    }
    await rename(partial, target);
  } catch (error) {
    stream.destroy();
    await removeIfPresent(partial).catch(() => undefined);
    if (opts.signal?.aborted || (error as Error).name === 'AbortError') {
      throw new AltinnApiError({ kind: 'aborted', method: 'GET', url: redactUrl(appInstanceUrl(ctx, ref, 'data', dataId)) });
    }
    throw error;
  }
  return { path: target, bytes: received, contentType: stream.contentType, size: stream.size, filename: stream.filename };
}

import { createWriteStream, type WriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Store } from './store';
import type { Blob, DataElement } from './types';
import { newGuid } from './util';
import { sendStream } from './http';

/** Bodies above this size go to a temp file instead of memory (a 200 MB upload must not sit in the heap). */
const SPOOL_THRESHOLD = 8 * 1024 * 1024;

/**
 * Receives a request body as a Blob: in memory while small, spooled to `spoolDir` once it grows.
 * `maxBytes` (if given) stops reading and rejects with 'too-large' as soon as it is passed.
 */
export function receiveBlob(req: IncomingMessage, spoolDir: string, maxBytes?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let file: WriteStream | undefined;
    let path: string | undefined;
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      file?.destroy();
      req.resume();
      reject(e);
    };
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (maxBytes !== undefined && size > maxBytes) return fail(new Error('too-large'));
      if (file) {
        if (!file.write(c)) {
          req.pause();
          file.once('drain', () => req.resume());
        }
        return;
      }
      chunks.push(c);
      if (size > SPOOL_THRESHOLD) {
        path = join(spoolDir, `${newGuid()}.blob`);
        file = createWriteStream(path);
        file.on('error', fail);
        for (const x of chunks.splice(0)) file.write(x);
      }
    });
    req.on('error', fail);
    req.on('end', () => {
      if (failed) return;
      if (file && path) {
        const p = path;
        file.end(() => resolve({ kind: 'file', path: p, size }));
      } else resolve({ kind: 'buffer', data: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
    });
  });
}

export function blobSize(b: Blob): number {
  return b.kind === 'buffer' ? b.data.length : b.size;
}

/** `Content-Disposition: attachment; filename=x; filename*=UTF-8''x` (verified *_6_Download-PDF). */
export function attachmentDisposition(filename: string | undefined): string | undefined {
  if (!filename) return undefined;
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  const plain = /[\s;,]/.test(ascii) ? `"${ascii}"` : ascii;
  return `attachment; filename=${plain}; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Streams a data element's blob (never concatenated in memory), with its content type and disposition. */
export function streamDataElement(store: Store, res: ServerResponse, el: DataElement, extra: Record<string, string> = {}): boolean {
  const stream = store.blobStream(el.id);
  if (!stream) return false;
  const b = store.blobs.get(el.id) as Blob;
  const headers: Record<string, string | number> = { ...extra, 'Content-Type': el.contentType, 'Content-Length': blobSize(b) };
  const disp = attachmentDisposition(el.filename);
  if (disp) headers['Content-Disposition'] = disp;
  sendStream(res, 200, headers, stream);
  return true;
}

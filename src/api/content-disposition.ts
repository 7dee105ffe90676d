// Upload headers (docs/altinn-behaviour.md §1.3): Altinn needs a quoted filename with an extension (an
// unquoted name with spaces is a 400 MissingFileName), and reads `filename*` first.
import { AltinnInputError } from './errors';
import { extensionOf, mimeTypeForExtension } from './mime-types';
import { hasControlCharacters } from './text';

/** A bare file name: no path separators, no control characters, not `.` or `..`. */
export function checkFilename(name: string): string {
  if (typeof name !== 'string' || name.trim() === '') throw new AltinnInputError({ code: 'aFileNameIsRequired' });
  if (/[/\\]/.test(name)) {
    throw new AltinnInputError({ code: 'invalidFileNameGiveA', args: [JSON.stringify(name)] });
  }
  if (hasControlCharacters(name)) throw new AltinnInputError({ code: 'invalidFileNameItContains' });
  if (name === '.' || name === '..') throw new AltinnInputError({ code: 'invalidFileName', args: [JSON.stringify(name)] });
  if (name.length > 255) throw new AltinnInputError({ code: 'invalidFileNameLongerThan' });
  return name;
}

/** The MIME type for a file name's extension, as Altinn's apps map it; octet-stream when unknown. */
export function contentTypeFor(filename: string): string {
  return mimeTypeForExtension(extensionOf(filename)) ?? 'application/octet-stream';
}

function asciiFallback(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/** RFC 5987 ext-value: UTF-8, percent-encoded except attr-chars. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<utf-8>` */
export function contentDisposition(filename: string): string {
  const name = checkFilename(filename);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** The file name from a response's Content-Disposition, `filename*` first. */
export function filenameFromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const plain = /filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? plain[1].trim() : undefined;
}

import * as fs from 'node:fs';
import * as path from 'node:path';

// Imports nothing from vscode: filename rules are tested in plain Node.

const EXTENSION_BY_MIME: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/jpg': '.jpg',
  'image/gif': '.gif',
  'image/bmp': '.bmp',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'image/tiff': '.tiff',
  'application/json': '.json',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/zip': '.zip',
};

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.webp', '.svg', '.ico']);

/** Content type without parameters, lower case: `text/xml; charset=utf-8` → `text/xml`. */
export function bareContentType(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function extensionForContentType(contentType: string | undefined | null): string {
  return EXTENSION_BY_MIME[bareContentType(contentType)] ?? '';
}

export function isImageFileName(fileName: string): boolean {
  return IMAGE_EXTENSIONS.has(path.extname(fileName).toLowerCase());
}

// Characters no common file system accepts in a name, plus control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Turns a name from the server (which may be hostile, like `../../x` or `C:\evil`) into a single,
 * harmless path segment. Returns `fallback` when nothing usable is left.
 */
export function safeFileName(name: string | undefined | null, fallback: string): string {
  const lastSegment = (name ?? '').split(/[/\\]/).pop() ?? '';
  let cleaned = lastSegment.normalize('NFC').replace(FORBIDDEN_CHARS, '_').trim();
  cleaned = cleaned.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!cleaned || WINDOWS_RESERVED.test(cleaned)) {
    return fallback;
  }
  if (Buffer.byteLength(cleaned) > 200) {
    const ext = path.extname(cleaned).slice(0, 16);
    cleaned = cleaned.slice(0, 120) + ext;
  }
  return cleaned;
}

/** `folder/name`, guaranteed to be a direct child of `folder`; throws if it would not be. */
export function childPath(folder: string, name: string): string {
  const root = path.resolve(folder);
  const target = path.resolve(root, name);
  if (path.dirname(target) !== root) {
    throw new Error(`Refusing to write outside ${root}: ${name}`);
  }
  return target;
}

/** A child path of `folder` that does not exist yet: `a.pdf`, then `a (1).pdf`, `a (2).pdf`, … */
export function freeChildPath(folder: string, name: string, taken: ReadonlySet<string> = new Set()): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = childPath(folder, n === 0 ? name : `${stem} (${n})${ext}`);
    if (!taken.has(candidate) && !fs.existsSync(candidate) && !fs.existsSync(`${candidate}.part`)) {
      return candidate;
    }
  }
}

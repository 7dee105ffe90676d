// Upload checks for binary data types, after app-lib's DataRestrictionValidation (altinn-api.md §1.3).
import type { DataTypeDef } from './apps';
import { mediaType } from './http';

export interface UploadIssue {
  severity: 1;
  dataElementId: null;
  field: null;
  code: string;
  description: string;
  source: 'DataRestrictionValidation';
}

function uploadIssue(code: string, description: string): UploadIssue {
  return { severity: 1, dataElementId: null, field: null, code, description, source: 'DataRestrictionValidation' };
}

const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export type ParsedDisposition = { ok: true; type: string; filename?: string } | { ok: false };

/**
 * Parses Content-Disposition like .NET's ContentDispositionHeaderValue.TryParse: an unquoted value must
 * be a token, so `filename=Test Doc 2025.pdf` fails (verified BasicAppTests.DataUpload_filenameQuoted=False_*).
 */
export function parseContentDisposition(header: string | undefined): ParsedDisposition {
  if (!header) return { ok: false };
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (ch === '"' && header[i - 1] !== '\\') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) return { ok: false };
  parts.push(cur);
  const type = parts[0].trim();
  if (!TOKEN_RE.test(type)) return { ok: false };
  let filename: string | undefined;
  let filenameStar: string | undefined;
  for (const raw of parts.slice(1)) {
    const p = raw.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return { ok: false };
    const name = p.slice(0, eq).trim().toLowerCase();
    let value = p.slice(eq + 1).trim();
    if (value.startsWith('"')) {
      if (!value.endsWith('"') || value.length < 2) return { ok: false };
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    } else if (!TOKEN_RE.test(value)) return { ok: false };
    if (name === 'filename') filename = value;
    if (name === 'filename*') {
      const m = /^([\w-]+)'[\w-]*'(.*)$/.exec(value);
      if (!m) return { ok: false };
      try {
        filenameStar = decodeURIComponent(m[2]);
      } catch {
        return { ok: false };
      }
    }
  }
  const chosen = filenameStar ?? filename;
  return { ok: true, type, filename: chosen === undefined ? undefined : safeFileName(chosen) };
}

/** Invalid path characters become `_`, as app-lib does with Path.GetInvalidFileNameChars. */
function safeFileName(name: string): string {
  let out = '';
  for (const ch of name) out += ch.charCodeAt(0) < 0x20 || '<>:"/\\|?*'.includes(ch) ? '_' : ch;
  return out;
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif',
  svg: 'image/svg+xml', tif: 'image/tiff', tiff: 'image/tiff', bmp: 'image/bmp', webp: 'image/webp',
  json: 'application/json', xml: 'text/xml', txt: 'text/plain', csv: 'text/csv', html: 'text/html',
  zip: 'application/zip', doc: 'application/msword', xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface UploadCheck {
  filename?: string;
  issues: UploadIssue[];
}

const PREFIX = 'Invalid data provided. Error: ';

/** Header-level checks before the body is read; an empty `issues` list means the upload may proceed. */
export function checkUploadHeaders(dt: DataTypeDef, headers: { disposition?: string; contentType?: string;
  contentLength?: number }): UploadCheck {
  if (!headers.disposition) {
    return { issues: [uploadIssue('ContentTypeNotAllowed',
      `${PREFIX}Content-Disposition header containing 'filename' must be included in request.`)] };
  }
  if (dt.maxSize !== null && headers.contentLength !== undefined && headers.contentLength > dt.maxSize * 1024 * 1024) {
    return { issues: [uploadIssue('DataElementTooLarge', `${PREFIX}Binary attachment exceeds limit of ${dt.maxSize} MB`)] };
  }
  const parsed = parseContentDisposition(headers.disposition);
  if (!parsed.ok || !parsed.filename) {
    return { issues: [uploadIssue('MissingFileName', `${PREFIX}The Content-Disposition header must contain a valid filename`)] };
  }
  const filename = parsed.filename;
  const dot = filename.lastIndexOf('.');
  if (dot < 0 || dot === filename.length - 1) {
    return { filename, issues: [uploadIssue('InvalidFileNameFormat',
      `${PREFIX}Invalid format for filename: ${filename}. Filename is expected to end with '.{filetype}'.`)] };
  }
  const allowed = (dt.allowedContentTypes ?? []).map((c) => c.toLowerCase());
  if (allowed.length === 0) return { filename, issues: [] };
  const ct = mediaType(headers.contentType);
  if (!ct) return { filename, issues: [uploadIssue('MissingContentType', `${PREFIX}Content-Type header must be included in request.`)] };
  const extMime = MIME_BY_EXTENSION[filename.slice(dot + 1).toLowerCase()];
  if (ct !== 'application/octet-stream' && ct !== extMime) {
    return { filename, issues: [uploadIssue('ContentTypeNotAllowed',
      `${PREFIX}Content type header ${ct} does not match mime type ${extMime ?? 'unknown'} for uploaded file. Please fix header or upload another file.`)] };
  }
  if (!allowed.includes('application/octet-stream') && !allowed.includes(extMime ?? ct)) {
    return { filename, issues: [uploadIssue('ContentTypeNotAllowed',
      `${PREFIX}Invalid content type: ${extMime ?? ct}. Please try another file. Permitted content types include: ${allowed.join(', ')}`)] };
  }
  return { filename, issues: [] };
}

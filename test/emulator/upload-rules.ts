// Upload checks for binary data types, after app-lib's DataRestrictionValidation (docs/altinn-behaviour.md §1.3).
import { mimeTypeForExtension } from '../../src/api/mime-types';
import type { DataTypeDef } from './apps';
import { emptyError } from './http';

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

/**
 * app-lib's MimeTypeMap: the type for an extension plus the aliases it also accepts; unknown → octet-stream.
 * The types come from the client's table (src/api/mime-types.ts, checked entry by entry against app-lib's
 * current map; older releases lack a few, e.g. .heic); the aliases are app-lib's (Altinn/app-lib-dotnet
 * src/Altinn.App.Core/Helpers/MimeTypeMap.cs, Models/MimeType.cs).
 */
const ALIASES: Record<string, string[]> = {
  xml: ['text/xml'],
  zip: ['application/x-zip-compressed', 'application/zip-compressed'],
  '3gp': ['audio/3gpp'],
  m4a: ['audio/x-m4a'],
};

/**
 * A few of the types app-lib's table has and the client's leaves out (same source), so the emulator, like
 * Altinn, accepts a type the client cannot name by itself and has to ask the user for.
 */
const APP_LIB_ONLY: Record<string, string> = {
  dwf: 'drawing/x-dwf',
  sldx: 'application/vnd.openxmlformats-officedocument.presentationml.slide',
  thmx: 'application/vnd.ms-officetheme',
  xltm: 'application/vnd.ms-excel.template.macroEnabled.12',
};

interface MimeType { type: string; aliases: string[] }

function mimeTypeOf(extension: string): MimeType {
  const ext = extension.toLowerCase();
  return { type: mimeTypeForExtension(ext) ?? APP_LIB_ONLY[ext] ?? 'application/octet-stream', aliases: ALIASES[ext] ?? [] };
}

/** MimeType.Equals(string): the type or one of its aliases, ignoring case. */
function mimeMatches(mime: MimeType, contentType: string): boolean {
  const ct = contentType.toLowerCase();
  return mime.type.toLowerCase() === ct || mime.aliases.some((a) => a.toLowerCase() === ct);
}

/** .NET Path.GetExtension: from the last dot, empty when the name ends with the dot. */
function pathExtension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 || dot === filename.length - 1 ? '' : filename.slice(dot + 1);
}

export interface UploadCheck {
  filename?: string;
  issues: UploadIssue[];
}

/** The app-lib release an app runs decides two details of the checks (see app-versions.ts). */
export interface UploadRuleVersion {
  /** ContentDispositionHeaderValue.TryParse (v8.8.0+); before, Parse threw on a bad header → 500. */
  tryParseFilename: boolean;
  /** "must contain a valid filename" (v8.9.0+) instead of "must contain a filename". */
  validFilenameWording: boolean;
}

const CURRENT_RULES: UploadRuleVersion = { tryParseFilename: true, validFilenameWording: true };
const PREFIX = 'Invalid data provided. Error:';

/**
 * Header-level checks before the body is read; an empty `issues` list means the upload may proceed.
 * Altinn/app-lib-dotnet src/Altinn.App.Api/Helpers/RequestHandling/DataRestrictionValidation.cs
 * CompliesWithDataRestrictions: the request's own Content-Type is compared as sent (parameters and all),
 * first with the extension's type (octet-stream passes), then with allowedContentTypes (ignoring case),
 * and a list holding application/octet-stream allows anything.
 */
export function checkUploadHeaders(dt: DataTypeDef, headers: { disposition?: string; contentType?: string;
  contentLength?: number }, version: UploadRuleVersion = CURRENT_RULES): UploadCheck {
  if (headers.disposition === undefined) {
    return { issues: [uploadIssue('ContentTypeNotAllowed', `${PREFIX} The request must include a Content-Disposition header`)] };
  }
  const maxBytes = dt.maxSize === null ? null : dt.maxSize * 1024 * 1024;
  if (maxBytes !== null && headers.contentLength !== undefined && headers.contentLength > maxBytes) {
    return { issues: [uploadIssue('DataElementTooLarge', `${PREFIX} Binary attachment exceeds limit of ${maxBytes}`)] };
  }
  const parsed = parseContentDisposition(headers.disposition);
  if (!parsed.ok && !version.tryParseFilename) throw emptyError(500);
  if (!parsed.ok || !parsed.filename) {
    const what = version.validFilenameWording ? 'a valid filename' : 'a filename';
    return { issues: [uploadIssue('MissingFileName', `${PREFIX} The Content-Disposition header must contain ${what}`)] };
  }
  const filename = parsed.filename;
  if (!filename.includes('.')) {
    return { filename, issues: [uploadIssue('InvalidFileNameFormat',
      `${PREFIX} Invalid format for filename: ${filename}. Filename is expected to end with '.{filetype}'.`)] };
  }
  const allowed = dt.allowedContentTypes ?? [];
  if (allowed.length === 0) return { filename, issues: [] };
  const mime = mimeTypeOf(pathExtension(filename));
  const ct = headers.contentType;
  if (ct === undefined) {
    return { filename, issues: [uploadIssue('InvalidFileNameFormat', `${PREFIX} Content-Type header must be included in request.`)] };
  }
  if (ct !== 'application/octet-stream' && !mimeMatches(mime, ct)) {
    return { filename, issues: [uploadIssue('InvalidFileNameFormat',
      `${PREFIX} Content type header ${ct} does not match mime type ${mime.type} for uploaded file. Please fix header or upload another file.`)] };
  }
  if (!allowed.some((a) => a.toLowerCase() === ct.toLowerCase()) && !allowed.includes('application/octet-stream')) {
    return { filename, issues: [uploadIssue('ContentTypeNotAllowed',
      `${PREFIX} Invalid content type: ${mime.type}. Please try another file. Permitted content types include: ${allowed.join(', ')}`)] };
  }
  return { filename, issues: [] };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

// Altinn answers errors in several shapes (docs/altinn-behaviour.md §7): ProblemDetails, plain text, a bare JSON
// string, or an empty body. Handlers throw an HttpError naming the shape; the dispatcher renders it.
export type ErrorBody =
  | { kind: 'problem'; problem: Record<string, unknown> }
  | { kind: 'text'; text: string }
  | { kind: 'json-string'; text: string }
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

export function problem(status: number, title: string, detail?: string, ext: Record<string, unknown> = {}): HttpError {
  const p: Record<string, unknown> = { title, status };
  if (detail !== undefined) p.detail = detail;
  return new HttpError(status, { kind: 'problem', problem: { ...p, ...ext } });
}

/** Framework-generated ProblemDetails (NotFound(), model binding) carry the RFC type link (docs/altinn-behaviour.md §7). */
export function frameworkProblem(status: 400 | 404 | 409 | 415, title: string): HttpError {
  const section = { 400: '15.5.1', 404: '15.5.5', 409: '15.5.10', 415: '15.5.16' }[status];
  return new HttpError(status, {
    kind: 'problem',
    problem: { type: `https://tools.ietf.org/html/rfc9110#section-${section}`, title, status },
  });
}

export function textError(status: number, text: string): HttpError {
  return new HttpError(status, { kind: 'text', text });
}

export function jsonStringError(status: number, text: string): HttpError {
  return new HttpError(status, { kind: 'json-string', text });
}

export function emptyError(status: number): HttpError {
  return new HttpError(status, { kind: 'empty' });
}

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** Headers every App API response carries (verified in the BasicAppTests samples). */
export const APP_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store, no-cache',
  'X-Frame-Options': 'deny',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function sendBody(res: ServerResponse, status: number, contentType: string | undefined, body: string | Buffer,
  headers?: Record<string, string>): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const h: Record<string, string | number> = { 'Content-Length': buf.length, ...headers };
  if (contentType) h['Content-Type'] = contentType;
  res.writeHead(status, h);
  res.end(buf);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers?: Record<string, string>): void {
  sendBody(res, status, JSON_TYPE, typeof value === 'string' ? value : JSON.stringify(value), headers);
}

/** Sends an already serialised JSON text. */
export function sendRawJson(res: ServerResponse, status: number, json: string | Buffer, headers?: Record<string, string>): void {
  sendBody(res, status, JSON_TYPE, json, headers);
}

export function sendText(res: ServerResponse, status: number, text: string, headers?: Record<string, string>): void {
  sendBody(res, status, TEXT_TYPE, text, headers);
}

export function sendEmpty(res: ServerResponse, status: number, headers?: Record<string, string>): void {
  res.writeHead(status, { 'Content-Length': 0, ...headers });
  res.end();
}

export function sendStream(res: ServerResponse, status: number, headers: Record<string, string | number>, body: Readable): void {
  res.writeHead(status, headers);
  body.on('error', () => res.destroy());
  body.pipe(res);
}

export function renderError(res: ServerResponse, err: HttpError, extraHeaders: Record<string, string> = {}): void {
  const headers = { ...extraHeaders, ...err.headers };
  const b = err.body;
  switch (b.kind) {
    case 'problem':
      return sendBody(res, err.status, PROBLEM_TYPE, JSON.stringify(b.problem), headers);
    case 'text':
      return sendText(res, err.status, b.text, headers);
    case 'json-string':
      return sendBody(res, err.status, JSON_TYPE, JSON.stringify(b.text), headers);
    case 'json':
      return sendBody(res, err.status, JSON_TYPE, JSON.stringify(b.value), headers);
    case 'empty':
      return sendEmpty(res, err.status, headers);
  }
}

/** Reads a request body into memory, refusing more than `limit` bytes (413). */
export function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(problem(413, 'Request too large'));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const buf = await readBody(req, 16 * 1024 * 1024);
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw frameworkProblem(400, 'One or more validation errors occurred.');
  }
}

/** Media type without parameters, lower-cased: `Application/JSON; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  return contentType.split(';')[0].trim().toLowerCase() || undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

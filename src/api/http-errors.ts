import type { IncomingHttpHeaders } from 'node:http';
import { AltinnApiError } from './errors';
import type { ProblemDetails } from './models';
import { redactUrl } from './urls';

function isJsonType(contentType: string | undefined): boolean {
  return !!contentType && /[/+]json\b/i.test(contentType);
}

/** Parses a JSON body when the content type says JSON; otherwise returns the text. */
export function decodeBody(body: Buffer | string | undefined, headers: IncomingHttpHeaders): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : (body ?? '');
  if (text === '') return undefined;
  if (isJsonType(headers['content-type'])) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function looksLikeProblem(value: unknown): value is ProblemDetails {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' || typeof v.detail === 'string' || typeof v.status === 'number' || typeof v.type === 'string';
}

/** An HTTP error from a status, headers and body, whatever shape Altinn gave the body (altinn-api.md §7). */
export function httpError(method: string, url: string, status: number, headers: IncomingHttpHeaders, body: Buffer | string | undefined): AltinnApiError {
  const decoded = decodeBody(body, headers);
  const contentType = headers['content-type'] ?? '';
  let problem: ProblemDetails | undefined;
  let text: string | undefined;
  if (looksLikeProblem(decoded)) {
    problem = decoded;
  } else if (Array.isArray(decoded)) {
    // Legacy upload with JsonObjectInDataResponse: a bare array of issues.
    problem = { status, title: 'Request failed', validationIssues: decoded };
  } else if (typeof decoded === 'string' && !/html/i.test(contentType)) {
    text = decoded;
  } else if (decoded && typeof decoded === 'object') {
    // Instantiation 403 may carry a map of failed obligations; keep it out of the message.
    text = undefined;
  }
  return new AltinnApiError({ kind: 'http', method, url: redactUrl(url), status, problem, text });
}

interface NodeishError {
  name?: string;
  code?: string;
  message?: string;
  response?: { statusCode: number; headers: IncomingHttpHeaders; body?: unknown; rawBody?: Buffer };
}

/**
 * Turns whatever got or Node threw into an AltinnApiError. The original error is not kept as
 * `cause`: got's errors carry the request options, Authorization header included.
 */
export function toApiError(error: unknown, method: string, url: string, signal?: AbortSignal): AltinnApiError {
  if (error instanceof AltinnApiError) return error;
  const e = (error ?? {}) as NodeishError;
  if (signal?.aborted || e.name === 'AbortError' || e.code === 'ERR_ABORTED' || e.code === 'ABORT_ERR') {
    return new AltinnApiError({ kind: 'aborted', method, url: redactUrl(url) });
  }
  if (e.response && e.name === 'HTTPError') {
    const raw = e.response.rawBody ?? (Buffer.isBuffer(e.response.body) || typeof e.response.body === 'string' ? e.response.body : undefined);
    return httpError(method, url, e.response.statusCode, e.response.headers, raw);
  }
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    return new AltinnApiError({ kind: 'timeout', method, url: redactUrl(url), code: e.code });
  }
  const safeCause = new Error(e.message ?? String(error));
  return new AltinnApiError({ kind: 'network', method, url: redactUrl(url), code: e.code, cause: safeCause });
}

import type { IncomingHttpHeaders } from 'node:http';
import { API_ERROR_MESSAGES, AltinnApiError, type ApiErrorCode } from './errors';
import { english, renderCoded, type CodedMessage } from './messages';
import type { ProblemDetails } from './models';
import { redactUrl } from './urls';

function isJsonType(contentType: string | undefined): boolean {
  return !!contentType && /[/+]json\b/i.test(contentType);
}

/** The client's own sentence about an answer: coded for translation, and in English as `text`. */
function note(said: CodedMessage<ApiErrorCode>): { note: CodedMessage<ApiErrorCode>; text: string } {
  return { note: said, text: renderCoded(API_ERROR_MESSAGES, said, english) };
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

/** OAuth token endpoints such as Maskinporten's answer `{error, error_description}` (RFC 6749 §5.2). */
function oauthErrorText(body: object): string | undefined {
  const { error, error_description: description } = body as Record<string, unknown>;
  if (typeof description === 'string' && description.trim() !== '') return description;
  return typeof error === 'string' && error.trim() !== '' ? error : undefined;
}

/** An HTTP error from a status, headers and body, whatever shape Altinn gave the body (docs/altinn-behaviour.md §7). */
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
    // Instantiation 403 may carry a map of failed obligations; keep it out of the message. OAuth errors are kept.
    text = oauthErrorText(decoded);
  }
  return new AltinnApiError({ kind: 'http', method, url: redactUrl(url), status, problem, text });
}

/**
 * A successful body that must be JSON. Empty is undefined; anything that does not parse (a gateway's
 * HTML page, a captive portal) is an error rather than data, so it never shows as an empty list.
 */
export function jsonBody(method: string, url: string, response: { status: number; headers: IncomingHttpHeaders; body: Buffer }): unknown {
  const text = response.body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = response.headers['content-type'] || 'no content type';
    throw new AltinnApiError({ kind: 'http', method, url: redactUrl(url), status: response.status, ...note({ code: 'notJson', args: [type] }) });
  }
}

/** True for a redirect; 304 is not one (it answers a conditional request). */
export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

/**
 * The client never follows a redirect (the token would go along to another host), and got passes an
 * unfollowed 3xx through as a success. Said plainly instead: app-localtest's nginx sends `localhost` to
 * local.altinn.cloud with a 307 (Altinn/app-localtest loadbalancer/templates/nginx.conf.conf).
 */
export function redirectError(method: string, url: string, status: number, headers: IncomingHttpHeaders): AltinnApiError {
  let target: string | undefined;
  try {
    target = headers.location ? new URL(headers.location, url).origin : undefined;
  } catch {
    target = undefined;
  }
  const said = note(target ? { code: 'redirectTo', args: [target] } : { code: 'redirect' });
  return new AltinnApiError({ kind: 'http', method, url: redactUrl(url), status, ...said });
}

/** The answer was larger than the client reads into memory. */
export function responseTooLarge(method: string, url: string, limit: number): AltinnApiError {
  return new AltinnApiError({
    kind: 'http',
    method,
    url: redactUrl(url),
    ...note({ code: 'responseTooLarge', args: [(limit / 1048576).toFixed(limit % 1048576 ? 2 : 0)] }),
  });
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

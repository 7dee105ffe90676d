// The one HTTP client every API area goes through: got 14, bearer token from the caller's provider
// (asked again once after a 401), timeouts, user agent, retries for reads only, and a log hook that
// never sees headers or bodies.
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import type { CancelableRequest, Got, Method, OptionsInit, RequestError, Response } from 'got';
import { version } from '../../package.json';
import { AltinnApiError } from './errors';
import { isRedirect, jsonBody, redirectError, responseTooLarge, toApiError } from './http-errors';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, RETRY_ERROR_CODES, RETRY_METHODS, RETRY_STATUS_CODES, type RetryPolicy, retryDelayMs, sleep } from './retry';
import { redactUrl } from './urls';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TokenRequest {
  forceRefresh: boolean;
  /** With `forceRefresh`: the token Altinn answered 401 to, so the provider can tell it from a newer one. */
  rejectedToken?: string;
  signal?: AbortSignal;
}
export type TokenProvider = (opts: TokenRequest) => Promise<string | undefined>;

/** What `request` hands its retry hook through got's `context`. */
interface RequestContext {
  [key: string]: unknown;
  onRetry(error: RequestError): void;
}

/** A 401 attempt that is sent once more with a renewed token; `rejectedToken` is undefined if it carried none. */
interface RejectedAttempt {
  rejectedToken?: string;
}

export interface RequestLog {
  method: string;
  /** Without secrets. */
  url: string;
  status?: number;
  durationMs: number;
  error?: string;
  /** 0 for the first try. */
  attempt?: number;
}

export interface HttpOptions {
  getToken?: TokenProvider;
  userAgent?: string;
  /** Longest wait to connect, for the response headers, and between two packets while streaming. */
  timeoutMs?: number;
  onRequest?(log: RequestLog): void;
  retry?: Partial<RetryPolicy>;
  /** Largest body `request`/`json`/`text` read into memory (default 32 MiB); downloads have their own limits. */
  maxResponseBytes?: number;
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number | boolean)[];
export type Query = Record<string, QueryValue> | URLSearchParams;

export interface RequestSpec {
  method?: HttpMethod;
  url: string;
  query?: Query;
  headers?: Record<string, string>;
  accept?: string;
  json?: unknown;
  body?: Buffer | string | Readable | FormData;
  signal?: AbortSignal;
  /** Default true; false for anonymous endpoints (test tokens, Maskinporten). */
  auth?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface StreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Errors on it are AltinnApiErrors. */
  stream: Readable;
}

export const DEFAULT_USER_AGENT = `altinn-explorer/${version}`;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export function toSearchParams(query: Query | undefined): URLSearchParams {
  if (query instanceof URLSearchParams) return new URLSearchParams(query);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return params;
}

function withQuery(url: string, query: Query | undefined): string {
  const params = toSearchParams(query);
  const text = params.toString();
  if (!text) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${text}`;
}

// got (with http2-wrapper) costs ~30 ms to load; loading it on the first request keeps it out of
// extension activation (BENCHMARKS.md, figure 2b). esbuild turns this into a lazy initialiser.
let gotModule: Promise<typeof import('got')> | undefined;
function loadGot(): Promise<typeof import('got')> {
  gotModule ??= import('got');
  return gotModule;
}

export class HttpClient {
  private gotInstance?: Promise<Got>;
  private readonly timeoutMs: number;
  private readonly getToken?: TokenProvider;
  private readonly onRequest?: (log: RequestLog) => void;
  private readonly policy: RetryPolicy;
  private readonly userAgent: string;
  private readonly maxResponseBytes: number;

  constructor(options: HttpOptions = {}) {
    this.getToken = options.getToken;
    this.onRequest = options.onRequest;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private client(): Promise<Got> {
    this.gotInstance ??= loadGot().then(({ default: got }) => this.configure(got));
    return this.gotInstance;
  }

  private configure(got: Got): Got {
    const timeoutMs = this.timeoutMs;
    const policy = this.policy;
    return got.extend({
      headers: { 'user-agent': this.userAgent },
      // No overall or send timeout: a 200 MB transfer may take long; an idle socket may not.
      timeout: { lookup: timeoutMs, connect: timeoutMs, secureConnect: timeoutMs, response: timeoutMs, socket: timeoutMs },
      // got retries PUT by default; here only GET/HEAD are ever retried.
      retry: {
        limit: policy.limit,
        methods: [...RETRY_METHODS],
        statusCodes: [...RETRY_STATUS_CODES],
        errorCodes: [...RETRY_ERROR_CODES],
        maxRetryAfter: policy.maxRetryAfterMs,
        calculateDelay: ({ attemptCount, error }) =>
          retryDelayMs(
            {
              attempt: attemptCount,
              method: error.options.method,
              // A body cut off mid-read carries its 200 response: only an HTTPError's status is a failure status.
              status: error.name === 'HTTPError' ? error.response?.statusCode : undefined,
              code: error.code,
              retryAfterMs: parseRetryAfter(headerText(error.response?.headers['retry-after'])),
            },
            policy,
          ),
      },
      hooks: { beforeRetry: [(error) => (error.options.context as Partial<RequestContext>).onRetry?.(error)] },
      followRedirect: false,
      throwHttpErrors: true,
      responseType: 'buffer',
    });
  }

  /** Sends the request and returns the whole body; throws AltinnApiError for any failure. */
  async request(spec: RequestSpec): Promise<HttpResponse> {
    const method = spec.method ?? 'GET';
    const url = withQuery(spec.url, spec.query);
    const replayable = !(spec.body instanceof Readable);
    let retryOf: RejectedAttempt | undefined;
    for (;;) {
      const { headers, token } = await this.headersFor(spec, retryOf);
      const started = { at: Date.now(), attempt: 0 };
      let tooLarge = false;
      try {
        // got normalises every option given per call; merging a `hooks` object cost ~0.1 ms CPU a request
        // (BENCHMARKS.md, figure 3), so the retry hook lives on the instance and finds this request's logger in
        // `context`, and options that would be undefined are left out.
        const context: RequestContext = { onRetry: (error) => this.logRetry(method, url, started, error) };
        const options: OptionsInit = { headers, context };
        if (method !== 'GET') options.method = method as Method;
        const body = spec.json !== undefined ? JSON.stringify(spec.json) : spec.body;
        if (body !== undefined) options.body = body;
        if (spec.signal) options.signal = spec.signal;
        // Belt and braces: the instance's retry methods already exclude everything but GET/HEAD.
        if (!(RETRY_METHODS as readonly string[]).includes(method)) options.retry = { limit: 0 };
        const got = await this.client();
        // A hostile or broken server must not fill memory: stop reading past the cap (or an announced length over it).
        const pending = got(url, options) as unknown as CancelableRequest<Response<Buffer>>;
        pending.on('downloadProgress', ({ transferred, total }) => {
          if (!tooLarge && (transferred > this.maxResponseBytes || (total ?? 0) > this.maxResponseBytes)) {
            tooLarge = true;
            pending.cancel();
          }
        });
        const response = await pending;
        if (isRedirect(response.statusCode)) throw redirectError(method, url, response.statusCode, response.headers);
        this.log({ method, url, status: response.statusCode, started });
        return { status: response.statusCode, headers: response.headers, body: response.body as Buffer };
      } catch (error) {
        const apiError = tooLarge ? responseTooLarge(method, url, this.maxResponseBytes) : toApiError(error, method, url, spec.signal);
        this.log({ method, url, status: apiError.status, started, error: apiError.kind === 'http' ? undefined : apiError.kind });
        if (apiError.status === 401 && !retryOf && replayable && this.canAuthenticate(spec)) {
          retryOf = { rejectedToken: token };
          continue;
        }
        throw apiError;
      }
    }
  }

  async json<T>(spec: RequestSpec): Promise<T> {
    const response = await this.request({ accept: 'application/json', ...spec });
    return jsonBody(spec.method ?? 'GET', withQuery(spec.url, spec.query), response) as T;
  }

  async text(spec: RequestSpec): Promise<string> {
    const response = await this.request(spec);
    return response.body.toString('utf8');
  }

  /**
   * Opens a streamed GET. Resolves once response headers arrive; retries (GET only) happen before
   * any byte reaches the caller, so a retry can never splice two bodies.
   */
  async openStream(spec: RequestSpec): Promise<StreamResponse> {
    const method = spec.method ?? 'GET';
    const url = withQuery(spec.url, spec.query);
    let retryOf: RejectedAttempt | undefined;
    for (let attempt = 0; ; attempt++) {
      const { headers, token } = await this.headersFor(spec, retryOf);
      const started = { at: Date.now(), attempt };
      const got = await this.client();
      const source = got.stream(url, { method: method as Method, headers, signal: spec.signal, retry: { limit: 0 } });
      try {
        const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
          source.once('response', resolve);
          source.once('error', reject);
        });
        if (isRedirect(response.statusCode)) throw redirectError(method, url, response.statusCode, response.headers);
        this.log({ method, url, status: response.statusCode, started });
        return { status: response.statusCode, headers: response.headers, stream: this.guard(source, method, url, spec.signal) };
      } catch (error) {
        source.destroy();
        const apiError = toApiError(error, method, url, spec.signal);
        this.log({ method, url, status: apiError.status, started, error: apiError.kind === 'http' ? undefined : apiError.kind });
        if (apiError.status === 401 && !retryOf && this.canAuthenticate(spec)) {
          retryOf = { rejectedToken: token };
          continue;
        }
        const delay = retryDelayMs(
          { attempt: attempt + 1, method, status: apiError.status, code: apiError.code, retryAfterMs: parseRetryAfter(headerText((error as RequestError).response?.headers['retry-after'])) },
          this.policy,
        );
        if (delay === 0) throw apiError;
        try {
          await sleep(delay, spec.signal);
        } catch {
          throw new AltinnApiError({ kind: 'aborted', method, url: redactUrl(url) });
        }
      }
    }
  }

  /** Re-emits the body through a PassThrough whose errors are AltinnApiErrors. */
  private guard(source: Readable, method: string, url: string, signal?: AbortSignal): Readable {
    const out = new PassThrough({ highWaterMark: 1 << 16 });
    source.on('error', (error) => out.destroy(toApiError(error, method, url, signal)));
    out.on('close', () => {
      if (!source.destroyed) source.destroy();
    });
    source.pipe(out);
    return out;
  }

  private canAuthenticate(spec: RequestSpec): boolean {
    return spec.auth !== false && this.getToken !== undefined;
  }

  /** The headers of one attempt, and the token they carry; after a 401 (`retryOf`) the token is asked for anew. */
  private async headersFor(spec: RequestSpec, retryOf: RejectedAttempt | undefined): Promise<{ headers: Record<string, string>; token?: string }> {
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.accept) headers.accept = spec.accept;
    if (spec.json !== undefined) headers['content-type'] = 'application/json';
    if (!this.canAuthenticate(spec)) return { headers };
    let token: string | undefined;
    try {
      const request: TokenRequest = { forceRefresh: retryOf !== undefined, signal: spec.signal };
      if (retryOf?.rejectedToken !== undefined) request.rejectedToken = retryOf.rejectedToken;
      token = await this.getToken!(request);
    } catch (error) {
      if (spec.signal?.aborted) throw new AltinnApiError({ kind: 'aborted', method: spec.method ?? 'GET', url: redactUrl(spec.url) });
      throw error;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    return { headers, token: token || undefined };
  }

  private logRetry(method: string, url: string, started: { at: number; attempt: number }, error: RequestError): void {
    // This hook runs after the backoff; got's timings say when the failed attempt really ended.
    const t = error.timings;
    const endedAt = t ? (t.end ?? t.error ?? t.response ?? t.abort) : undefined;
    this.log({ method, url, status: error.response?.statusCode, started, endedAt, error: error.response ? 'retrying' : `${error.code ?? 'error'}, retrying` });
    started.at = Date.now();
    started.attempt += 1;
  }

  private log(entry: { method: string; url: string; status?: number; started: { at: number; attempt: number }; endedAt?: number; error?: string }): void {
    if (!this.onRequest) return;
    try {
      this.onRequest({
        method: entry.method,
        url: redactUrl(entry.url),
        status: entry.status,
        durationMs: Math.max(0, (entry.endedAt ?? Date.now()) - entry.started.at),
        error: entry.error,
        attempt: entry.started.attempt,
      });
    } catch {
      // A failing logger must not fail the request.
    }
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

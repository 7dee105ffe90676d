// The one HTTP client every API area goes through: got 14, bearer token from the caller's provider
// (asked again once after a 401), timeouts, user agent, retries for reads only, and a log hook that
// never sees headers or bodies.
import type { IncomingHttpHeaders } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import type { Got, Method, OptionsInit, RequestError, Response } from 'got';
import { version } from '../../package.json';
import { AltinnApiError } from './errors';
import { decodeBody, toApiError } from './http-errors';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, RETRY_ERROR_CODES, RETRY_METHODS, RETRY_STATUS_CODES, type RetryPolicy, retryDelayMs, sleep } from './retry';
import { redactUrl } from './urls';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TokenRequest {
  forceRefresh: boolean;
  signal?: AbortSignal;
}
export type TokenProvider = (opts: TokenRequest) => Promise<string | undefined>;

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
// extension activation (bench-findings.md F1). esbuild turns this into a lazy initialiser.
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

  constructor(options: HttpOptions = {}) {
    this.getToken = options.getToken;
    this.onRequest = options.onRequest;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
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
              status: error.response?.statusCode,
              code: error.code,
              retryAfterMs: parseRetryAfter(headerText(error.response?.headers['retry-after'])),
            },
            policy,
          ),
      },
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
    let forceRefresh = false;
    for (;;) {
      const headers = await this.headersFor(spec, forceRefresh);
      const started = { at: Date.now(), attempt: 0 };
      try {
        const options: OptionsInit = {
          method: method as Method,
          headers,
          body: spec.json !== undefined ? JSON.stringify(spec.json) : spec.body,
          signal: spec.signal,
          // Belt and braces: the instance's retry methods already exclude everything but GET/HEAD.
          retry: (RETRY_METHODS as readonly string[]).includes(method) ? undefined : { limit: 0 },
          hooks: { beforeRetry: [(error: RequestError) => this.logRetry(method, url, started, error)] },
        };
        const got = await this.client();
        const response = (await got(url, options)) as unknown as Response<Buffer>;
        this.log({ method, url, status: response.statusCode, started });
        return { status: response.statusCode, headers: response.headers, body: response.body as Buffer };
      } catch (error) {
        const apiError = toApiError(error, method, url, spec.signal);
        this.log({ method, url, status: apiError.status, started, error: apiError.kind === 'http' ? undefined : apiError.kind });
        if (apiError.status === 401 && !forceRefresh && replayable && this.canAuthenticate(spec)) {
          forceRefresh = true;
          continue;
        }
        throw apiError;
      }
    }
  }

  async json<T>(spec: RequestSpec): Promise<T> {
    const response = await this.request({ accept: 'application/json', ...spec });
    return decodeBody(response.body, response.headers) as T;
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
    let forceRefresh = false;
    for (let attempt = 0; ; attempt++) {
      const headers = await this.headersFor(spec, forceRefresh);
      const started = { at: Date.now(), attempt };
      const got = await this.client();
      const source = got.stream(url, { method: method as Method, headers, signal: spec.signal, retry: { limit: 0 } });
      try {
        const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
          source.once('response', resolve);
          source.once('error', reject);
        });
        this.log({ method, url, status: response.statusCode, started });
        return { status: response.statusCode, headers: response.headers, stream: this.guard(source, method, url, spec.signal) };
      } catch (error) {
        source.destroy();
        const apiError = toApiError(error, method, url, spec.signal);
        this.log({ method, url, status: apiError.status, started, error: apiError.kind === 'http' ? undefined : apiError.kind });
        if (apiError.status === 401 && !forceRefresh && this.canAuthenticate(spec)) {
          forceRefresh = true;
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

  private async headersFor(spec: RequestSpec, forceRefresh: boolean): Promise<Record<string, string>> {
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.accept) headers.accept = spec.accept;
    if (spec.json !== undefined) headers['content-type'] = 'application/json';
    if (this.canAuthenticate(spec)) {
      let token: string | undefined;
      try {
        token = await this.getToken!({ forceRefresh, signal: spec.signal });
      } catch (error) {
        if (spec.signal?.aborted) throw new AltinnApiError({ kind: 'aborted', method: spec.method ?? 'GET', url: redactUrl(spec.url) });
        throw error;
      }
      if (token) headers.authorization = `Bearer ${token}`;
    }
    return headers;
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

import { AppsApi } from './apps';
import type { ApiContext } from './context';
import { DataApi } from './data';
import type { Environment } from './environments';
import { EventsApi } from './events';
import { HttpClient, type RequestLog, type TokenProvider } from './http';
import { InstancesApi } from './instances';
import { ProcessApi } from './process';
import type { RetryPolicy } from './retry';

export interface ClientOptions {
  environment: Environment;
  /** Called before every request; again once with `forceRefresh: true` (and the refused token) after a 401. */
  getToken: TokenProvider;
  userAgent?: string;
  timeoutMs?: number;
  /** Method, URL (without secrets), status and duration of every attempt; never headers or bodies. */
  onRequest?(log: RequestLog): void;
  retry?: Partial<RetryPolicy>;
  /** Largest JSON/text answer read into memory (default 32 MiB). */
  maxResponseBytes?: number;
}

/** Everything one environment offers, behind one HTTP client. */
export class AltinnClient {
  readonly environment: Environment;
  readonly apps: AppsApi;
  readonly instances: InstancesApi;
  readonly data: DataApi;
  readonly process: ProcessApi;
  readonly events: EventsApi;

  constructor(opts: ClientOptions) {
    this.environment = opts.environment;
    const http = new HttpClient({
      getToken: opts.getToken,
      userAgent: opts.userAgent,
      timeoutMs: opts.timeoutMs,
      onRequest: opts.onRequest,
      retry: opts.retry,
      maxResponseBytes: opts.maxResponseBytes,
    });
    const ctx: ApiContext = { environment: opts.environment, http };
    this.apps = new AppsApi(ctx);
    this.instances = new InstancesApi(ctx);
    this.data = new DataApi(ctx);
    this.process = new ProcessApi(ctx);
    this.events = new EventsApi(ctx);
  }
}

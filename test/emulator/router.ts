import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from './auth';
import type { Services } from './services';

export interface Ctx {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Record<string, string>;
  readonly svc: Services;
  /** Set by the dispatcher for routes that need a token. */
  principal?: Principal;
}

export type Handler = (ctx: Ctx) => void | Promise<void>;

export interface RouteOptions {
  /** Anonymous routes real Altinn allows without a token (metadata, texts, applications, test tokens). */
  anonymous?: boolean;
  /** App API route: adds the App API's security headers to every answer. */
  app?: boolean;
  /**
   * Route constraints and per-app availability: when false the route does not exist for this path, so it
   * neither answers nor turns a 404 into a 405 (ASP.NET's `{dataGuid:guid}` constraints, app-lib versions).
   */
  when?: (params: Record<string, string>) => boolean;
}

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
  options: RouteOptions;
}

/** A registered route as written at registration (`GET /storage/api/v1/instances/:party/:guid`). */
export interface RouteInfo {
  readonly method: string;
  readonly pattern: string;
  readonly anonymous: boolean;
}

/** App routes start with `/:org/:app`; platform routes with a fixed first segment (`/storage`, `/Home`, …). */
export type RouteScope = 'app' | 'platform';

export interface Match {
  handler: Handler;
  params: Record<string, string>;
  options: RouteOptions;
}

/**
 * Path patterns use `:name` for one segment (`/storage/api/v1/instances/:party/:guid`).
 * Routes are grouped by their first literal segment so a lookup tries only a handful of patterns.
 */
export class Router {
  private readonly byFirst = new Map<string, Route[]>();
  private readonly anyFirst: Route[] = [];
  private readonly registered: Route[] = [];

  add(method: string, pattern: string, handler: Handler, options: RouteOptions = {}): this {
    const names: string[] = [];
    const source = pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          names.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    const route: Route = { method, pattern, regex: new RegExp(`^${source}/?$`, 'i'), names, handler, options };
    this.registered.push(route);
    const first = pattern.split('/')[1] ?? '';
    if (first.startsWith(':')) this.anyFirst.push(route);
    else {
      const key = first.toLowerCase();
      const list = this.byFirst.get(key) ?? [];
      list.push(route);
      this.byFirst.set(key, list);
    }
    return this;
  }

  get(p: string, h: Handler, o?: RouteOptions): this { return this.add('GET', p, h, o); }
  post(p: string, h: Handler, o?: RouteOptions): this { return this.add('POST', p, h, o); }
  put(p: string, h: Handler, o?: RouteOptions): this { return this.add('PUT', p, h, o); }
  delete(p: string, h: Handler, o?: RouteOptions): this { return this.add('DELETE', p, h, o); }
  patch(p: string, h: Handler, o?: RouteOptions): this { return this.add('PATCH', p, h, o); }

  /** Every route in registration order (read-only; the provenance table is checked against it). */
  list(): RouteInfo[] {
    return this.registered.map((r) => ({ method: r.method, pattern: r.pattern, anonymous: r.options.anonymous === true }));
  }

  /**
   * Finds the route for a request; `methodMismatch` tells 405 from 404. `scope` narrows the search to the
   * app routes (`/:org/:app/…`) or to the fixed-prefix platform routes, for profiles that split the two.
   */
  match(method: string, path: string, scope?: RouteScope): Match | { methodMismatch: boolean } {
    const slash = path.indexOf('/', 1);
    const first = (slash < 0 ? path.slice(1) : path.slice(1, slash)).toLowerCase();
    let methodMismatch = false;
    const lists = scope === 'app' ? [this.anyFirst] : scope === 'platform' ? [this.byFirst.get(first)] : [this.byFirst.get(first), this.anyFirst];
    for (const list of lists) {
      if (!list) continue;
      for (const r of list) {
        const m = r.regex.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
        if (r.options.when && !r.options.when(params)) continue;
        if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) {
          methodMismatch = true;
          continue;
        }
        return { handler: r.handler, params, options: r.options };
      }
    }
    return { methodMismatch };
  }
}

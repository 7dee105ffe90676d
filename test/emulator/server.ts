// Request dispatch: stats, fault injection, routing, authentication, and error rendering.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { authenticate } from './auth';
import { delay, resetConnection, truncateResponse } from './faults';
import { APP_HEADERS, HttpError, problem, renderError, sendBody, sendEmpty } from './http';
import type { Gate } from './profiles';
import { Router, type Ctx } from './router';
import { registerAppData } from './routes/app-data';
import { registerAppInstances } from './routes/app-instances';
import { registerAppMeta } from './routes/app-meta';
import { registerAppPatch } from './routes/app-patch';
import { registerAppProcess } from './routes/app-process';
import { registerAuthentication } from './routes/authentication';
import { registerControl } from './routes/control';
import { registerEvents } from './routes/events';
import { registerStorageData } from './routes/storage-data';
import { registerStorageInstances } from './routes/storage-instances';
import { registerStorageQuery } from './routes/storage-query';
import { registerTestTokens } from './routes/test-tokens';
import type { Services } from './services';
import { RECENT_REQUESTS } from './store';

export function buildRouter(): Router {
  const router = new Router();
  // Platform and fixed-prefix routes first: app routes start with a parameter (`/:org/:app/…`).
  registerControl(router);
  registerTestTokens(router);
  registerAuthentication(router);
  registerStorageQuery(router);
  registerStorageInstances(router);
  registerStorageData(router);
  registerEvents(router);
  registerAppMeta(router);
  registerAppInstances(router);
  registerAppData(router);
  registerAppPatch(router);
  registerAppProcess(router);
  return router;
}

const PROCESS_NEXT_RE = /\/instances\/(\d+)\/([0-9a-f-]{36})\/process\/next\/?$/i;

function statusFault(res: ServerResponse, status: number, retryAfterSeconds?: number): void {
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  else if (status === 429 || status === 503) headers['Retry-After'] = '1';
  renderError(res, problem(status, STATUS_CODES[status] ?? 'Error'), headers);
}

/** `gate`: the profile's rule for this listener (profiles.ts); without one every route is reachable. */
export function createRequestListener(router: Router, getServices: () => Services | undefined, gate?: Gate) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(router, getServices, gate, req, res);
  };
}

async function handle(router: Router, getServices: () => Services | undefined, gate: Gate | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const svc = getServices();
  if (!svc) return sendEmpty(res, 503);
  const url = req.url ?? '/';
  const qi = url.indexOf('?');
  const path = qi < 0 ? url : url.slice(0, qi);
  const method = req.method ?? 'GET';
  if (!path.startsWith('/_emulator/')) {
    svc.store.stats.requests++;
    const recent = svc.store.stats.recent;
    recent.push(`${method} ${path}`);
    if (recent.length > RECENT_REQUESTS) recent.splice(0, recent.length - RECENT_REQUESTS);
    if (method === 'PUT') {
      const m = PROCESS_NEXT_RE.exec(path);
      if (m) {
        const id = `${m[1]}/${m[2].toLowerCase()}`;
        svc.store.stats.processNextCount[id] = (svc.store.stats.processNextCount[id] ?? 0) + 1;
      }
    }
    const fired = svc.faults.take(method, path);
    if (fired.length > 0) {
      const latency = fired.find((f) => f.kind === 'latency');
      if (latency) await delay(latency.latencyMs ?? 1000);
      if (fired.some((f) => f.kind === 'reset')) return resetConnection(req);
      const status = fired.find((f) => f.kind === 'status');
      if (status) return statusFault(res, status.status ?? 500, status.retryAfterSeconds);
      if (fired.some((f) => f.kind === 'truncate')) truncateResponse(res);
    }
  }
  const decision = gate?.(req, path, svc);
  if (decision && 'status' in decision) {
    if (decision.html) return sendBody(res, decision.status, 'text/html', decision.html, decision.headers);
    return sendEmpty(res, decision.status, decision.headers);
  }
  const match = router.match(method, path, decision?.scope);
  if (!('handler' in match)) return sendEmpty(res, match.methodMismatch ? 405 : 404);
  let query: URLSearchParams | undefined;
  const ctx: Ctx = {
    req, res, method, path, params: match.params, svc,
    get query() {
      return (query ??= new URLSearchParams(qi < 0 ? '' : url.slice(qi + 1)));
    },
  };
  if (match.options.app) for (const [k, v] of Object.entries(APP_HEADERS)) res.setHeader(k, v);
  try {
    if (!match.options.anonymous) ctx.principal = authenticate(ctx);
    await match.handler(ctx);
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof HttpError) return renderError(res, e);
    process.stderr.write(`[emulator] ${method} ${path} failed: ${(e as Error).stack ?? String(e)}\n`);
    renderError(res, problem(500, 'Internal Server Error', (e as Error).message));
  }
}

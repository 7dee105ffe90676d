// Profiles: which listener answers which request, the way a real local Altinn setup splits its traffic
// between the app and localtest. The default profile routes everything on one port; `localtest` copies
// app-localtest (docker compose: nginx in front, localtest on 5101); `studioctl` copies Altinn Studio's
// studioctl, where the localtest container itself is the ingress and routes apps by host and path.
import type { IncomingMessage } from 'node:http';
import type { RouteScope } from './router';
import type { Services } from './services';

export type ProfileName = 'default' | 'localtest' | 'studioctl';
export const PROFILES: readonly ProfileName[] = ['default', 'localtest', 'studioctl'];

/** The test domain both setups use; it resolves to 127.0.0.1 in public DNS. */
export const LOCALTEST_HOST = 'local.altinn.cloud';

/** What a listener does with a request before the router sees it. */
export type GateDecision =
  | { readonly scope?: RouteScope }
  | { readonly status: number; readonly headers?: Record<string, string>; readonly html?: string };

export type Gate = (req: IncomingMessage, path: string, svc: Services) => GateDecision;

const PLATFORM: GateDecision = { scope: 'platform' };
const APP: GateDecision = { scope: 'app' };
const NOT_FOUND: GateDecision = { status: 404 };

function page(status: number, title: string): string {
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** The Host header's name, lower-cased and without its port. */
export function hostName(req: IncomingMessage): string {
  const host = (req.headers.host ?? '').toLowerCase();
  const m = /^(\[[^\]]*\]|[^:]*)/.exec(host);
  return m ? m[1] : host;
}

/**
 * Platform routes the emulator has and localtest does not: the token exchange (localtest's
 * AuthenticationController has only refresh, orgToken and appToken), reading an app's events (its Events
 * AppController only takes POSTs from apps), Storage's read of an instance by guid alone, and the emulator's
 * Maskinporten stand-in. localtest answers
 * these with ASP.NET's empty 404.
 * Altinn/app-localtest src/Controllers/Authentication/AuthenticationController.cs, src/Controllers/Events/AppController.cs,
 * src/Controllers/Storage/InstancesController.cs;
 * Altinn/altinn-studio src/Runtime/localtest/src/Controllers/ (the same controllers).
 */
const LOCALTEST_LACKS = [/^\/authentication\/api\/v1\/exchange(\/|$)/i, /^\/events\/api\/v1\/app\/[^/]+\/[^/]+\/?$/i, /^\/maskinporten(\/|$)/i,
  // Storage's GetByGuid (GET instances/{guid}): localtest's InstancesController has only the {partyId}/{guid} read.
  /^\/storage\/api\/v1\/instances\/[^/]+\/?$/i];

function localtestItself(path: string): GateDecision {
  return LOCALTEST_LACKS.some((re) => re.test(path)) ? NOT_FOUND : PLATFORM;
}

/**
 * app-localtest's nginx (the port the browser uses, 80 by default): `/Home/`, `/storage/` and the other
 * listed prefixes go to localtest, a few to services the emulator does not run (502, as nginx answers
 * when an upstream is down), everything else to the app, so `/authentication/`, `/authorization/` and
 * `/events/` reach the app and get its 404. `localhost` (and the old altinn3local.no) is sent to the test
 * domain with a 307. nginx locations are case-sensitive prefixes; bodies over 50 MB get 413.
 * Altinn/app-localtest loadbalancer/templates/nginx.conf.conf (servers, locations, upstreams)
 */
const NGINX_MAX_BODY = 50 * 1024 * 1024;

export function nginxGate(frontPort: () => number): Gate {
  return (req, path) => {
    const host = hostName(req);
    if (host === 'localhost' || host === 'altinn3local.no') {
      const location = `http://${LOCALTEST_HOST}:${frontPort()}${req.url ?? '/'}`;
      return { status: 307, headers: { Location: location }, html: page(307, 'Temporary Redirect') };
    }
    if (path.startsWith('/_emulator/')) return PLATFORM;
    // client_max_body_size 50M, checked against the announced length before the body is read.
    if (Number(req.headers['content-length'] ?? 0) > NGINX_MAX_BODY) return { status: 413, html: page(413, 'Request Entity Too Large') };
    if (path === '/' || ['/Home/', '/storage/', '/localtestresources/', '/LocalPlatformStorage/'].some((p) => path.startsWith(p))) {
      return localtestItself(path);
    }
    if (['/receipt/', '/accessmanagement/', '/pdfservice/', '/grafana/'].some((p) => path.startsWith(p))) {
      return { status: 502, html: page(502, 'Bad Gateway') };
    }
    return APP;
  };
}

/**
 * app-localtest itself on port 5101: its own controllers for the platform prefixes, and everything else
 * proxied to the app (LocalAppUrl). The prefixes are case-sensitive regular expressions.
 * Altinn/app-localtest src/Filters/ProxyMiddleware.cs _noProxies
 */
const LOCALTEST_OWN = [/^\/$/, /^\/Home\//, /^\/localtestresources\//, /^\/LocalPlatformStorage\//, /^\/accessmanagement\//,
  /^\/authentication\//, /^\/authorization\//, /^\/profile\//, /^\/events\//, /^\/register\//, /^\/storage\//, /^\/_emulator\//];

export const localtestPlatformGate: Gate = (_req, path) => (LOCALTEST_OWN.some((re) => re.test(path)) ? localtestItself(path) : APP);

/**
 * studioctl's localtest container (ingress port 8000, and 5101): a request for `local.altinn.cloud` whose
 * path starts with a running app's `/{org}/{app}` goes to that app; everything else, other host names
 * included, to localtest's own controllers. There is no redirect from `localhost`.
 * Altinn/altinn-studio src/Runtime/localtest/src/Filters/ProxyMiddleware.cs, src/Runtime/common/dotnet/
 * Altinn.Studio.Runtime.Common/EnvTopology/BoundTopologyIndex.cs MatchRequest (host, then path prefix,
 * case-insensitive), src/cli/internal/envtopology/topology.yaml (host, port 8000, `/{org}/{app}`),
 * src/cli/studioctl-server/Topology/BoundTopologyConfigReconciler.cs TryExpandAppRoute
 */
export const studioctlGate: Gate = (req, path, svc) => {
  if (hostName(req) === LOCALTEST_HOST) {
    const m = /^\/([^/]+)\/([^/]+)(\/|$)/.exec(path);
    if (m && svc.apps.find(m[1].toLowerCase(), m[2].toLowerCase())) return APP;
  }
  return localtestItself(path);
};

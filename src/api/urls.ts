import { AltinnInputError } from './errors';
import type { UrlWord } from './input-messages';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const LOCALTEST_HOST = 'local.altinn.cloud';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host.endsWith('.localhost');
}

export function isLocaltestHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === LOCALTEST_HOST || host.endsWith(`.${LOCALTEST_HOST}`);
}

/**
 * Parses a base URL for an environment: http(s) only, no credentials, query or fragment, and
 * plain http only for loopback and localtest hosts. Returns it without a trailing slash.
 */
export function parseBaseUrl(value: string, what: UrlWord): string {
  const word = { word: what };
  const shown = JSON.stringify(value);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AltinnInputError({ code: 'invalidUrl', args: [word, shown] });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AltinnInputError({ code: 'urlScheme', args: [word, shown] });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !isLocaltestHost(url.hostname)) {
    throw new AltinnInputError({ code: 'plainHttp', args: [word, shown] });
  }
  if (url.username || url.password) {
    throw new AltinnInputError({ code: 'urlCredentials', args: [word] });
  }
  if (url.search || url.hash) {
    throw new AltinnInputError({ code: 'urlQueryOrFragment', args: [word, shown] });
  }
  return url.toString().replace(/\/+$/, '');
}

/** Encodes one path segment so it cannot add path levels or escape its base. */
export function segment(value: string | number): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..') {
    throw new AltinnInputError({ code: 'invalidUrlPathSegment', args: [JSON.stringify(text)] });
  }
  return encodeURIComponent(text);
}

/** `base` + `/`-joined encoded segments; the base is trusted (it came through parseBaseUrl). */
export function joinUrl(base: string, ...segments: (string | number)[]): string {
  return [base.replace(/\/+$/, ''), ...segments.map(segment)].join('/');
}

const SECRET_PARAM = /(^|_|-)(access_?token|id_?token|refresh_?token|token|code|secret|client_secret|password|passwd|api_?key|key|sig|signature|assertion|pid|ssn)$/i;

/** For logs and error messages: drops credentials and the values of secret-looking query parameters. */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\?.*$/, '?…');
  }
  url.username = '';
  url.password = '';
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, 'REDACTED');
  }
  url.hash = '';
  return url.toString();
}

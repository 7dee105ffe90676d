import * as http from 'node:http';

/**
 * The minimal node:http client the bench compares src/api against: one keep-alive agent,
 * the bytes collected and JSON.parse'd, nothing else.
 */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function rawRequest(
  url: string,
  opts: { method?: string; headers?: http.OutgoingHttpHeaders; agent?: http.Agent; body?: Buffer; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs ?? 60_000, () => req.destroy(new Error(`timeout: ${opts.method ?? 'GET'} ${url}`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

export async function rawText(url: string, headers?: http.OutgoingHttpHeaders): Promise<string> {
  const res = await rawRequest(url, { headers });
  if (res.status >= 300) {
    throw new Error(`${url} answered ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`);
  }
  return res.body.toString('utf8');
}

export async function rawJson<T>(url: string, opts: Parameters<typeof rawRequest>[1] = {}): Promise<T> {
  const res = await rawRequest(url, opts);
  if (res.status >= 300) {
    throw new Error(`${opts.method ?? 'GET'} ${url} answered ${res.status}: ${res.body.toString('utf8').slice(0, 200)}`);
  }
  return JSON.parse(res.body.toString('utf8')) as T;
}

/** Rebases an absolute `next` link (Storage writes its public host) onto the server under test. */
export function onServer(baseUrl: string, link: string): string {
  const u = new URL(link, baseUrl);
  return baseUrl + u.pathname + u.search;
}

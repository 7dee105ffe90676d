// A tiny hostile "Altinn" on 127.0.0.1 for the bad-input and security suites: answers each request from a
// route table, so a test can serve oversized JSON, endless bodies, HTML where JSON belongs, or a
// Content-Disposition that tries to climb out of the download folder.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HostileServer {
  readonly url: string;
  /** Requests served, by pathname. */
  readonly hits: string[];
  /** Responses whose socket closed before the handler finished writing (the client gave up). */
  readonly abandoned: string[];
  route(pathRegex: RegExp, handler: HostileHandler): void;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const routes: [RegExp, HostileHandler][] = [];
  const hits: string[] = [];
  const abandoned: string[] = [];
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    hits.push(pathname);
    res.on('close', () => {
      if (!res.writableFinished) abandoned.push(pathname);
    });
    const route = routes.find(([re]) => re.test(pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route[1](req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    abandoned,
    route: (re, handler) => void routes.unshift([re, handler]),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes `[1,1,1,…` forever (until the client hangs up): JSON that never ends. */
export function endlessJson(res: ServerResponse, contentLength?: number): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(contentLength ? { 'content-length': String(contentLength) } : {}) });
  const chunk = Buffer.from('1,'.repeat(32 * 1024));
  res.write('[');
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk)) {
      // keep the socket buffer full
    }
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

// Baseline for figure 7: a bare node:http server answering the emulator's own pages, serialised
// once up front, so the load client measures what auth, filtering and serialisation cost the emulator.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawRequest } from './lib/rawhttp';
import { serviceMain } from './lib/worker';

interface Input {
  /** Where to fetch the pages from (the emulator). */
  sourceUrl: string;
  token: string;
  paths: string[];
}

serviceMain<Input, { url: string; pages: number; bytes: number }>(async (input) => {
  const pages = new Map<string, { body: Buffer; type: string }>();
  let bytes = 0;
  for (const p of input.paths) {
    const res = await rawRequest(input.sourceUrl + p, { headers: { authorization: `Bearer ${input.token}` } });
    if (res.status !== 200) {
      throw new Error(`${p} answered ${res.status}`);
    }
    pages.set(p, { body: res.body, type: String(res.headers['content-type'] ?? 'application/json') });
    bytes += res.body.length;
  }
  const server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': page.type, 'content-length': page.body.length });
    res.end(page.body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    info: { url: `http://127.0.0.1:${port}`, pages: pages.size, bytes },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});

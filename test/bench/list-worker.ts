// Figure 3's two clients, one per process: src/api's paging iterator, or a minimal node:http client
// that sends the same requests (same first URL, then Storage's `next`) and JSON.parses each page.
import * as http from 'node:http';
import { AltinnClient, Environment } from '../../src/api';
import type { ListInput } from './figures/listing';
import type { TimedSample } from './lib/fixture';
import { onServer, rawRequest } from './lib/rawhttp';
import { workerMain } from './lib/worker';
import { measureRepeatedly } from './lib/repeat-measure';

async function listWithApi(input: ListInput): Promise<{ items: number; requests: number }> {
  let requests = 0;
  const client = new AltinnClient({
    environment: new Environment({ id: 'bench', name: 'bench', kind: 'emulator', url: input.baseUrl }),
    getToken: async () => input.token,
    onRequest: () => requests++,
  });
  let items = 0;
  const filter = { appId: input.appId, size: input.pageSize };
  if (input.mode === 'api-pages') {
    for await (const page of client.instances.pages(filter)) {
      for (const instance of page.instances) if (instance.id) items++;
      if (requests > input.maxPages) throw new Error(`more than ${input.maxPages} pages`);
    }
  } else {
    for await (const instance of client.instances.iterate(filter)) {
      if (instance.id) items++;
      if (requests > input.maxPages) throw new Error(`more than ${input.maxPages} pages`);
    }
  }
  return { items, requests };
}

interface Page {
  instances: { id: string }[];
  next?: string | null;
}

async function listRaw(input: ListInput, agent: http.Agent): Promise<{ items: number; requests: number }> {
  const headers = { authorization: `Bearer ${input.token}`, accept: 'application/json' };
  let url: string | undefined = `${input.baseUrl}/storage/api/v1/instances?appId=${encodeURIComponent(input.appId)}&size=${input.pageSize}`;
  let items = 0;
  let requests = 0;
  while (url) {
    if (++requests > input.maxPages) throw new Error(`more than ${input.maxPages} pages`);
    const res = await rawRequest(url, { agent, headers });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    const page = JSON.parse(res.body.toString('utf8')) as Page;
    for (const instance of page.instances) if (instance.id) items++;
    url = page.next ? onServer(input.baseUrl, page.next) : undefined;
  }
  return { items, requests };
}

workerMain<ListInput, TimedSample>(async (input) => {
  const agent = new http.Agent({ keepAlive: true });
  const once = (): Promise<{ items: number; requests: number }> => (input.mode === 'raw' ? listRaw(input, agent) : listWithApi(input));
  const result = await measureRepeatedly(once, input.warmup, input.measured);
  agent.destroy();
  return result;
});

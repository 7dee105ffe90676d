// Figure 8's clients, one process per sample set, against the emulator with a fixed delay per request:
// src/api (the tree's first page, the windowed listing, the sequential iterator) and bare node:http loops
// that send the plain sequential requests (first URL, then Storage's `next`; for the export, every data element).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { AltinnClient, Environment, listInWindows } from '../../src/api';
import { onServer, rawRequest } from './lib/rawhttp';
import { workerMain } from './lib/worker';
import { measureRepeatedly } from './lib/repeat-measure';

export type LatencyMode = 'first-page-api' | 'first-page-raw' | 'list-api' | 'list-api-sequential' | 'list-raw' | 'export-raw';

export interface LatencyInput {
  mode: LatencyMode;
  baseUrl: string;
  token: string;
  appId: string;
  pageSize: number;
  /** Only instances changed at or after this (the export's `--since`). */
  since?: string;
  /** Where export-raw writes its files (emptied before each run). */
  outDir?: string;
  warmup: number;
  measured: number;
}

export interface LatencySample {
  ms: number[];
  cpuMs: number[];
  items: number;
  requests: number;
}

interface Page {
  instances: { id: string; appId: string; data?: { id: string }[] }[];
  next?: string | null;
}

function firstUrl(input: LatencyInput): string {
  const since = input.since ? `&lastChanged=${encodeURIComponent(`gte:${input.since}`)}` : '';
  return `${input.baseUrl}/storage/api/v1/instances?appId=${encodeURIComponent(input.appId)}&size=${input.pageSize}${since}`;
}

/** The plain way: page after page, then (export) each data element, one request at a time. */
async function rawLoop(input: LatencyInput, agent: http.Agent): Promise<{ items: number; requests: number }> {
  const headers = { authorization: `Bearer ${input.token}`, accept: 'application/json' };
  let url: string | undefined = firstUrl(input);
  const instances: Page['instances'] = [];
  let requests = 0;
  while (url) {
    requests++;
    const res = await rawRequest(url, { agent, headers });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    const page = JSON.parse(res.body.toString('utf8')) as Page;
    instances.push(...page.instances);
    url = input.mode !== 'first-page-raw' && page.next ? onServer(input.baseUrl, page.next) : undefined;
  }
  if (input.mode === 'export-raw' && input.outDir) {
    rmSync(input.outDir, { recursive: true, force: true });
    for (const instance of instances) {
      const dir = path.join(input.outDir, instance.id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'instance.json'), JSON.stringify(instance, null, 2));
      for (const element of instance.data ?? []) {
        requests++;
        const res = await rawRequest(`${input.baseUrl}/${instance.appId}/instances/${instance.id}/data/${element.id}`, { agent, headers: { authorization: headers.authorization } });
        if (res.status !== 200) throw new Error(`data ${element.id} answered ${res.status}`);
        writeFileSync(path.join(dir, element.id), res.body);
      }
    }
  }
  return { items: instances.length, requests };
}

async function apiRun(input: LatencyInput): Promise<{ items: number; requests: number }> {
  let requests = 0;
  const client = new AltinnClient({
    environment: new Environment({ id: 'bench', name: 'bench', kind: 'emulator', url: input.baseUrl }),
    getToken: async () => input.token,
    onRequest: () => requests++,
  });
  const filter = { appId: input.appId, size: input.pageSize };
  let items = 0;
  if (input.mode === 'first-page-api') items = (await client.instances.query(filter)).instances.length;
  else {
    const listing = input.mode === 'list-api' ? listInWindows(client.instances, filter) : client.instances.iterate(filter);
    for await (const instance of listing) if (instance.id) items++;
  }
  return { items, requests };
}

workerMain<LatencyInput, LatencySample>(async (input) => {
  const raw = input.mode.endsWith('-raw');
  // The first page is measured as the tree sees it: a new client (and connection) each time.
  const fresh = input.mode.startsWith('first-page');
  let agent = new http.Agent({ keepAlive: true });
  const once = async (): Promise<{ items: number; requests: number }> => {
    if (fresh && raw) {
      agent.destroy();
      agent = new http.Agent({ keepAlive: true });
    }
    return raw ? rawLoop(input, agent) : apiRun(input);
  };
  const result = await measureRepeatedly(once, input.warmup, input.measured);
  agent.destroy();
  return result;
});

// Figure 7's load client, in its own process: keep-alive connections that each send the next
// request as soon as the previous answer is fully read. Bounded by time and by count.
import * as http from 'node:http';
import { workerMain } from './lib/worker';

interface Input {
  baseUrl: string;
  paths: string[];
  token: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
}

export interface LoadResult {
  /** Answers in the measured window. */
  requests: number;
  /** Answers including the warm-up, for CPU time per request. */
  totalRequests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  bytes: number;
}

function once(agent: http.Agent, url: string, token: string): Promise<{ ok: boolean; bytes: number }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ok: res.statusCode === 200, bytes }));
      res.on('error', () => resolve({ ok: false, bytes }));
    });
    req.setTimeout(10_000, () => req.destroy());
    req.on('error', () => resolve({ ok: false, bytes: 0 }));
  });
}

workerMain<Input, LoadResult>(async (input) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections });
  const urls = input.paths.map((p) => input.baseUrl + p);
  let next = 0;
  let counting = false;
  let requests = 0;
  let errors = 0;
  let bytes = 0;
  let total = 0;
  const start = performance.now();
  const warmEnd = start + input.warmupMs;
  const end = warmEnd + input.durationMs;
  let measuredFrom = warmEnd;

  const loop = async (): Promise<void> => {
    while (performance.now() < end && requests < input.maxRequests) {
      const r = await once(agent, urls[next++ % urls.length], input.token);
      total++;
      if (!counting && performance.now() >= warmEnd) {
        counting = true;
        measuredFrom = performance.now();
      }
      if (counting) {
        requests++;
        bytes += r.bytes;
        if (!r.ok) {
          errors++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: input.connections }, loop));
  const seconds = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  return { requests, totalRequests: total, errors, seconds, requestsPerSecond: requests / seconds, bytes };
});

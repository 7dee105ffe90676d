// Figure 5, one download per process: src/api's downloadTo, or the same URL piped raw to disk.
// The process's peak RSS growth is the memory figure, so nothing else runs here.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AltinnClient, Environment } from '../../src/api';
import type { DownloadInput } from './figures/transfer';
import type { TransferSample } from './lib/fixture';
import { appIdOfUrl, measureTransfer } from './lib/transfer-measure';
import { warmUpApi, warmUpRaw } from './lib/warmup';
import { workerMain } from './lib/worker';

function newClient(input: DownloadInput): AltinnClient {
  return new AltinnClient({
    environment: new Environment({ id: 'bench', name: 'bench', kind: 'emulator', url: input.baseUrl }),
    getToken: async () => input.token,
  });
}

async function downloadWithApi(client: AltinnClient, input: DownloadInput): Promise<void> {
  await client.data.downloadTo({ appId: appIdOfUrl(input.baseUrl, input.url), id: input.instanceId }, input.dataId, input.dest);
}

function downloadRaw(input: DownloadInput): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // The default agent, as got's: keep-alive, so the warm-up's connection is reused.
    const req = http.get(input.url, { headers: { authorization: `Bearer ${input.token}`, accept: 'application/octet-stream, */*' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${input.url} answered ${res.statusCode}`));
        return;
      }
      pipeline(res, fs.createWriteStream(input.dest)).then(resolve, reject);
    });
    req.on('error', reject);
  });
}

workerMain<DownloadInput, TransferSample>(async (input) => {
  const client = newClient(input);
  await (input.mode === 'api' ? warmUpApi(client, input.instanceId) : warmUpRaw(input.baseUrl, input.token, input.instanceId));
  const once = (): Promise<void> => (input.mode === 'api' ? downloadWithApi(client, input) : downloadRaw(input));
  // The first download in a fresh process is the figure (time, CPU and a clean memory peak); a second one,
  // with the code already optimised, is reported beside it.
  const cold = await measureTransfer(once);
  const bytes = fs.statSync(input.dest).size;
  fs.rmSync(input.dest);
  const warm = await measureTransfer(once);
  return { ms: cold.ms, cpuMs: cold.cpuMs, warmMs: warm.ms, peakRssGrowth: cold.peakRssGrowth, bytes };
});

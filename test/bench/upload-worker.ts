// Figure 6, one upload per process: src/api's upload from a file stream, or a raw node:http POST of
// the same file to the same endpoint with the same headers.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AltinnClient, Environment } from '../../src/api';
import type { UploadInput } from './figures/transfer';
import type { TransferSample } from './lib/fixture';
import { measureTransfer } from './lib/transfer-measure';
import { warmUpApi, warmUpRaw } from './lib/warmup';
import { workerMain } from './lib/worker';

function newClient(input: UploadInput): AltinnClient {
  return new AltinnClient({
    environment: new Environment({ id: 'bench', name: 'bench', kind: 'emulator', url: input.baseUrl }),
    getToken: async () => input.token,
  });
}

async function uploadWithApi(client: AltinnClient, input: UploadInput, size: number): Promise<void> {
  await client.data.upload({ appId: input.appId, id: input.instanceId }, input.dataType, fs.createReadStream(input.file), {
    filename: input.filename,
    contentType: input.contentType,
    size,
  });
}

async function uploadRaw(input: UploadInput, size: number): Promise<void> {
  const url = `${input.baseUrl}/${input.appId}/instances/${input.instanceId}/data/${encodeURIComponent(input.dataType)}`;
  const done = new Promise<void>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${input.token}`,
          accept: 'application/json',
          'content-type': input.contentType,
          'content-disposition': `attachment; filename="${input.filename}"`,
          'content-length': size,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            reject(new Error(`${url} answered ${res.statusCode}: ${body.slice(0, 200)}`));
          } else {
            JSON.parse(body);
            resolve();
          }
        });
      },
    );
    req.on('error', reject);
    pipeline(fs.createReadStream(input.file), req).catch(reject);
  });
  await done;
}

workerMain<UploadInput, TransferSample>(async (input) => {
  const size = fs.statSync(input.file).size;
  const client = newClient(input);
  await (input.mode === 'api' ? warmUpApi(client, input.instanceId) : warmUpRaw(input.baseUrl, input.token, input.instanceId));
  const once = (): Promise<void> => (input.mode === 'api' ? uploadWithApi(client, input, size) : uploadRaw(input, size));
  // As for downloads: the first upload in a fresh process is the figure, a second one is reported beside it.
  const cold = await measureTransfer(once);
  const warm = await measureTransfer(once);
  return { ms: cold.ms, cpuMs: cold.cpuMs, warmMs: warm.ms, peakRssGrowth: cold.peakRssGrowth, bytes: size };
});

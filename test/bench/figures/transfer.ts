import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchScript, runWorker } from '../lib/child';
import type { EmulatorInfo, TransferSample } from '../lib/fixture';
import { rawJson } from '../lib/rawhttp';
import { figure, type FigureResult } from '../lib/report';
import { bytesToMB, median, round } from '../lib/stats';

export type TransferMode = 'api' | 'raw';

export interface DownloadInput {
  mode: TransferMode;
  baseUrl: string;
  token: string;
  instanceId: string;
  dataId: string;
  url: string;
  dest: string;
}

export interface UploadInput {
  mode: TransferMode;
  baseUrl: string;
  token: string;
  instanceId: string;
  appId: string;
  dataType: string;
  contentType: string;
  filename: string;
  file: string;
}

const throughput = (s: TransferSample): number => bytesToMB(s.bytes) / (s.ms / 1000);

const warmThroughput = (s: TransferSample): number => bytesToMB(s.bytes) / (s.warmMs / 1000);

/** CPU of the measured transfer, and the second transfer in the same process. */
function cpuNote(api: TransferSample[], raw: TransferSample[]): string {
  const a = median(api.map((s) => s.cpuMs));
  const r = median(raw.map((s) => s.cpuMs));
  const wa = median(api.map(warmThroughput));
  const wr = median(raw.map(warmThroughput));
  return `client CPU ${Math.round(a)} vs ${Math.round(r)} ms, ${round(a / r)}×; a second transfer in the same process ${Math.round(wa)} vs ${Math.round(wr)} MB/s, ${round(wa / wr)}×`;
}

/** Figure 5: src/api's downloadTo against a raw stream pipe of the same URL to disk, each run in a fresh process. */
export async function measureDownload(emu: EmulatorInfo, tmp: string, runs: number): Promise<FigureResult[]> {
  const fx = emu.download;
  if (!fx) {
    throw new Error('the emulator service has no download fixture');
  }
  const got: Record<TransferMode, TransferSample[]> = { api: [], raw: [] };
  for (let i = 0; i < runs; i++) {
    for (const mode of i % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const)) {
      const dest = path.join(tmp, `download-${mode}-${i}.bin`);
      const input: DownloadInput = { mode, baseUrl: emu.url, token: emu.orgToken, instanceId: fx.instanceId, dataId: fx.dataId, url: fx.url, dest };
      try {
        const s = await runWorker<TransferSample>(benchScript('download-worker'), input, { timeoutMs: 180_000, execArgv: ['--expose-gc'] });
        if (s.bytes !== fx.bytes) {
          throw new Error(`${mode} download wrote ${s.bytes} bytes, expected ${fx.bytes}`);
        }
        got[mode].push(s);
      } finally {
        fs.rmSync(dest, { force: true });
        fs.rmSync(`${dest}.part`, { force: true });
      }
    }
  }
  const mb = Math.round(bytesToMB(fx.bytes));
  return [
    figure({
      id: '5a',
      title: `download a ${mb} MB attachment to disk (src/api downloadTo), throughput (first download in a fresh process)`,
      unit: 'MB/s',
      better: 'higher',
      samples: got.api.map(throughput),
      baselineLabel: 'raw stream pipe',
      baselineSamples: got.raw.map(throughput),
      target: { of: 'ratio', limit: 0.9 },
      note: cpuNote(got.api, got.raw),
    }),
    figure({
      id: '5b',
      title: `download a ${mb} MB attachment, peak RSS growth of the downloading process (first download)`,
      unit: 'MB',
      better: 'lower',
      samples: got.api.map((s) => bytesToMB(s.peakRssGrowth)),
      baselineLabel: 'raw stream pipe',
      baselineSamples: got.raw.map((s) => bytesToMB(s.peakRssGrowth)),
      target: { of: 'value', limit: 64 },
    }),
  ];
}

/** A fresh instance in Task_1 for each upload, so maxCount never interferes. */
async function newInstance(emu: EmulatorInfo, appId: string): Promise<string> {
  const created = await rawJson<{ id: string }>(`${emu.url}/${appId}/instances`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emu.orgToken}`, 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ instanceOwner: { partyId: '501337' } })),
  });
  return created.id;
}

/** Figure 6: src/api's upload against a raw node:http POST of the same file to the same endpoint. */
export async function measureUpload(emu: EmulatorInfo, tmp: string, runs: number, megabytes: number): Promise<FigureResult> {
  const fx = emu.upload;
  if (!fx) {
    throw new Error('the emulator service has no upload fixture');
  }
  const file = path.join(tmp, `upload-${megabytes}mb.bin`);
  writeRandomFile(file, megabytes * 1024 * 1024);
  const got: Record<TransferMode, TransferSample[]> = { api: [], raw: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const mode of i % 2 === 0 ? (['api', 'raw'] as const) : (['raw', 'api'] as const)) {
        const instanceId = await newInstance(emu, fx.appId);
        const input: UploadInput = { mode, baseUrl: emu.url, token: emu.orgToken, instanceId, ...fx, file };
        got[mode].push(await runWorker<TransferSample>(benchScript('upload-worker'), input, { timeoutMs: 180_000, execArgv: ['--expose-gc'] }));
      }
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  return figure({
    id: '6',
    title: `upload a ${megabytes} MB attachment (src/api upload from a file stream), throughput (first upload in a fresh process)`,
    unit: 'MB/s',
    better: 'higher',
    samples: got.api.map(throughput),
    baselineLabel: 'raw node:http POST',
    baselineSamples: got.raw.map(throughput),
    target: { of: 'ratio', limit: 0.9 },
    note: cpuNote(got.api, got.raw),
  });
}

function writeRandomFile(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    const chunk = Buffer.alloc(1 << 20);
    for (let written = 0; written < bytes; written += chunk.length) {
      // Cheap, non-repeating content: a counter pattern, so no layer can shortcut on zeros.
      chunk.writeUInt32LE(written, 0);
      for (let j = 4; j < chunk.length; j += 4096) chunk.writeUInt32LE((written + j) ^ 0x5bd1e995, j);
      fs.writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
    }
  } finally {
    fs.closeSync(fd);
  }
}

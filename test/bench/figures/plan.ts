import { wants, wantsPart, type BenchArgs } from '../lib/args';
import { benchScript, startService, type Service } from '../lib/child';
import type { EmulatorInfo } from '../lib/fixture';
import { failedFigure, type FigureResult } from '../lib/report';
import { measureEmulatorLoad } from './emulator-load';
import { measureLatency } from './latency';
import { measureListing } from './listing';
import { measureRequire } from './require';
import { type ExtensionUnderTest, measureSizes } from './sizes';
import { measureDownload, measureUpload } from './transfer';
import { measureVsCode } from './vscode';

export interface EmulatorHostInput {
  instancesPerApp: number;
  /** A delay on every App API and Storage request (figure 8). */
  latencyMs?: number;
  downloadBytes?: number;
  upload: boolean;
}

/** Runs one figure; a failure becomes an error row and the bench goes on with the next. */
async function attempt(id: string, title: string, onFigure: (f: FigureResult) => void, body: () => Promise<FigureResult | FigureResult[]>): Promise<void> {
  try {
    const r = await body();
    for (const f of Array.isArray(r) ? r : [r]) onFigure(f);
  } catch (e) {
    onFigure(failedFigure(id, title, e));
  }
}

export async function runFigures(args: BenchArgs, tmp: string, onFigure: (f: FigureResult) => void, onVsCodeVersion: (v: string) => void): Promise<void> {
  // The production build comes first: figures 1, 2 and 4 measure what users install.
  let extension: ExtensionUnderTest | undefined;
  if (wants(args, 1) || wants(args, 2) || wants(args, 4)) {
    await attempt('1', 'sizes (production build, npm run package)', onFigure, async () => {
      const r = await measureSizes(tmp);
      extension = r.extension;
      return r.figures;
    });
  }
  if (wants(args, 2) && extension) {
    const bundle = extension.bundle;
    await attempt('2b', 'require() of dist/extension.js', onFigure, () => measureRequire(bundle, args.runs * 2));
  }
  const needsEmulator = [3, 5, 6, 7].some((f) => wants(args, f));
  if (needsEmulator) {
    let emu: Service<EmulatorInfo> | undefined;
    try {
      const input: EmulatorHostInput = {
        instancesPerApp: args.instances,
        downloadBytes: wants(args, 5) ? args.downloadMB * 1024 * 1024 : undefined,
        upload: wants(args, 6),
      };
      emu = await startService<EmulatorInfo>(benchScript('emulator-host'), input, { timeoutMs: 180_000 });
      const info = emu.info;
      console.log(`  emulator at ${info.url}: ${info.instances} instances of ${info.appId}, seeded in ${Math.round(info.seedMs)} ms`);
      if (wants(args, 3)) {
        await attempt('3a', 'listing, page size 100', onFigure, () => measureListing(info, 100, args.runs));
        await attempt('3b', 'listing, page size 1000', onFigure, () => measureListing(info, 1000, args.runs));
      }
      if (wants(args, 5)) {
        await attempt('5', 'download', onFigure, () => measureDownload(info, tmp, args.runs));
      }
      if (wants(args, 6)) {
        await attempt('6', 'upload', onFigure, () => measureUpload(info, tmp, args.runs, args.uploadMB));
      }
      if (wants(args, 7)) {
        await attempt('7', 'emulator requests/s', onFigure, () => measureEmulatorLoad({ ...info, pid: emu?.process.pid }, args.runs));
      }
    } catch (e) {
      onFigure(failedFigure('3–7', 'emulator service', e));
    } finally {
      await emu?.stop();
    }
  }
  if (wants(args, 8)) {
    // A second emulator, every App API and Storage request delayed: figures 3–7 stay on bare loopback.
    let emu: Service<EmulatorInfo> | undefined;
    try {
      emu = await startService<EmulatorInfo>(benchScript('emulator-host'), { instancesPerApp: args.instances, latencyMs: args.latencyMs, upload: false }, { timeoutMs: 180_000 });
      const info = emu.info;
      console.log(`  emulator at ${info.url} with ${args.latencyMs} ms per request: ${info.instances} instances of ${info.appId}`);
      await attempt('8', `at ${args.latencyMs} ms latency`, onFigure, () => measureLatency(info, tmp, args.runs, args.latencyMs, (id) => wantsPart(args, id)));
    } catch (e) {
      onFigure(failedFigure('8', 'latency emulator service', e));
    } finally {
      await emu?.stop();
    }
  }
  if ((wants(args, 2) || wants(args, 4)) && extension) {
    const ext = extension;
    await attempt('2a/4', 'VS Code host', onFigure, () => measureVsCode(args, ext, onVsCodeVersion));
  }
}

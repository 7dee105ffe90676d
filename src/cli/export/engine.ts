// The export: list the matching instances page by page and, with a bounded number of downloads at
// a time, save each instance document and every data element. Each file is written via .part and
// entered in the manifest once complete; a resumed run skips what the manifest already holds
// (same element, same lastChanged, same size on disk). Transient failures are retried per file.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { AltinnApiError, type AltinnClient, type DataElement, type Instance, type InstanceFilter, isCancellation, listInWindows } from '../../api';
import { sleep } from '../../api/retry';
import { dataFilePath, instanceDocumentPath } from './layout';
import { type ManifestEntry, ManifestStore } from './manifest';
import { lockFolder, sweepPartFiles, TruncatedError, writeStreamed, writeWhole } from './files';
import { type VerifyResult, verifyFiles } from './verify';

export interface ExportProgress {
  listed: number;
  listingDone: boolean;
  planned: number;
  downloaded: number;
  skipped: number;
  failed: number;
  bytes: number;
  retries: number;
  verifying?: { checked: number; total: number };
}

export interface ExportOptions {
  client: AltinnClient;
  appId: string;
  filter: InstanceFilter;
  limit?: number;
  filterDescription: Record<string, string | boolean>;
  outDir: string;
  concurrency: number;
  /** Extra attempts per file after a transient failure. */
  retries: number;
  signal: AbortSignal;
  onProgress?(progress: ExportProgress): void;
}

export interface ExportResult extends ExportProgress {
  interrupted: boolean;
  failures: { path: string; error: string }[];
  verify?: VerifyResult;
  manifestPath: string;
  durationMs: number;
  /** Files that failed verification and were downloaded again in a second pass. */
  repaired?: number;
}

type Job = { instance: Instance; element?: DataElement };

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const QUEUE_PER_WORKER = 8;

function transient(error: unknown): boolean {
  if (error instanceof TruncatedError) return true;
  if (error instanceof AltinnApiError) return error.kind === 'network' || error.kind === 'timeout' || (error.status !== undefined && RETRY_STATUSES.has(error.status));
  // Stream errors mid-body (premature close, reset) are worth another try; disk errors are not.
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE';
}

export async function runExport(opts: ExportOptions): Promise<ExportResult> {
  const started = Date.now();
  const outDir = path.resolve(opts.outDir);
  const unlock = await lockFolder(outDir);
  try {
    const environment = opts.client.environment;
    const manifest = await ManifestStore.open(outDir, {
      app: opts.appId,
      environment: { id: environment.id, kind: environment.kind, platformUrl: environment.platformUrl },
      filter: opts.filterDescription,
    });
    const first = await new ExportRun(opts, outDir, manifest, started).run();
    const damaged = first.verify?.problems.length ?? 0;
    if (damaged === 0 || first.interrupted || first.failures.length > 0) return first;
    // Files changed on disk since they were saved (same size, other bytes) are no longer in the
    // manifest after verification: one more pass downloads just those.
    const repair = await new ExportRun(opts, outDir, manifest, started).run();
    return {
      ...first,
      downloaded: first.downloaded + repair.downloaded,
      skipped: Math.max(0, first.skipped - repair.downloaded),
      failed: repair.failed,
      bytes: first.bytes + repair.bytes,
      retries: first.retries + repair.retries,
      interrupted: repair.interrupted,
      failures: repair.failures,
      verify: repair.verify,
      durationMs: repair.durationMs,
      repaired: damaged,
    };
  } finally {
    await unlock();
  }
}

class ExportRun {
  private readonly progress: ExportProgress = { listed: 0, listingDone: false, planned: 0, downloaded: 0, skipped: 0, failed: 0, bytes: 0, retries: 0 };
  private readonly queue: Job[] = [];
  private wakeWorkers: (() => void)[] = [];
  private wakeProducer?: () => void;
  private fatal?: unknown;
  private readonly stop = new AbortController();

  constructor(private readonly opts: ExportOptions, private readonly outDir: string, private readonly manifest: ManifestStore, private readonly started: number) {
    opts.signal.addEventListener('abort', () => this.stop.abort(), { once: true });
    this.stop.signal.addEventListener('abort', () => {
      this.wake();
      this.wakeProducer?.();
    }, { once: true });
  }

  async run(): Promise<ExportResult> {
    const workers = Array.from({ length: this.opts.concurrency }, () => this.worker());
    await this.produce().catch((error: unknown) => this.abortWith(error));
    this.progress.listingDone = true;
    this.wake();
    await Promise.all(workers);
    this.manifest.setInstances(this.progress.listed);
    const interrupted = this.opts.signal.aborted;
    if (this.fatal !== undefined && !interrupted) {
      await this.manifest.save();
      throw this.fatal;
    }
    let verify: VerifyResult | undefined;
    if (!interrupted) {
      await sweepPartFiles(this.outDir);
      const entries = this.manifest.all();
      verify = await verifyFiles(this.outDir, entries, this.opts.concurrency, {
        signal: this.opts.signal,
        onChecked: (checked) => this.report({ verifying: { checked, total: entries.length } }),
      });
      for (const problem of verify.problems) this.manifest.remove(problem.path);
      this.manifest.markComplete(!this.opts.signal.aborted && this.manifest.failureList.length === 0 && verify.problems.length === 0);
    }
    await this.manifest.save();
    return {
      ...this.progress,
      interrupted: this.opts.signal.aborted,
      failures: this.manifest.failureList.map((f) => ({ path: f.path, error: f.error })),
      verify,
      manifestPath: this.manifest.file,
      durationMs: Date.now() - this.started,
    };
  }

  private abortWith(error: unknown): void {
    if (!isCancellation(error) && !this.opts.signal.aborted) this.fatal ??= error;
    this.stop.abort();
  }

  private report(extra: Partial<ExportProgress> = {}): void {
    this.opts.onProgress?.({ ...this.progress, ...extra });
  }

  private wake(): void {
    const waiting = this.wakeWorkers;
    this.wakeWorkers = [];
    waiting.forEach((w) => w());
  }

  /** Lists instances into the queue, waiting while it is full so memory stays flat. */
  private async produce(): Promise<void> {
    const { client, filter, limit } = this.opts;
    const capacity = this.opts.concurrency * QUEUE_PER_WORKER;
    // Without a limit the order does not matter, and oldest first streams every window's pages as they come.
    const order = limit === undefined ? 'asc' : filter.order;
    for await (const instance of listInWindows(client.instances, { ...filter, order, size: 100 }, { signal: this.stop.signal })) {
      if (this.stop.signal.aborted || (limit !== undefined && this.progress.listed >= limit)) break;
      this.progress.listed++;
      const jobs: Job[] = [{ instance }, ...(instance.data ?? (await client.data.list(instance.id, { signal: this.stop.signal }))).map((element) => ({ instance, element }))];
      this.progress.planned += jobs.length;
      this.queue.push(...jobs);
      this.wake();
      this.report();
      while (this.queue.length > capacity && !this.stop.signal.aborted) {
        await new Promise<void>((resolve) => (this.wakeProducer = resolve));
      }
    }
  }

  private async worker(): Promise<void> {
    for (;;) {
      if (this.stop.signal.aborted) return;
      const job = this.queue.shift();
      if (job === undefined) {
        if (this.progress.listingDone) return;
        await new Promise<void>((resolve) => this.wakeWorkers.push(resolve));
        continue;
      }
      if (this.queue.length <= this.opts.concurrency * QUEUE_PER_WORKER) this.wakeProducer?.();
      await this.handle(job);
      this.report();
    }
  }

  private async handle(job: Job): Promise<void> {
    const relPath = job.element ? dataFilePath(job.instance.id, job.element) : instanceDocumentPath(job.instance.id);
    const lastChanged = job.element ? job.element.lastChanged : job.instance.lastChanged;
    if (await this.alreadyComplete(relPath, job.element?.id, lastChanged)) {
      this.progress.skipped++;
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const written = await this.save(job, relPath);
        const entry: ManifestEntry = { path: relPath, instanceId: job.instance.id, size: written.size, sha256: written.sha256, lastChanged, savedAt: new Date().toISOString() };
        if (job.element) {
          Object.assign(entry, { dataId: job.element.id, dataType: job.element.dataType, contentType: job.element.contentType, filename: job.element.filename });
        }
        this.manifest.put(entry);
        this.progress.downloaded++;
        this.progress.bytes += written.size;
        return;
      } catch (error) {
        if (this.stop.signal.aborted) return;
        if (!transient(error) || attempt >= this.opts.retries) {
          this.progress.failed++;
          this.manifest.fail({ path: relPath, instanceId: job.instance.id, dataId: job.element?.id, error: (error as Error).message });
          return;
        }
        this.progress.retries++;
        try {
          await sleep(Math.min(250 * 2 ** attempt, 4000) * (0.75 + Math.random() / 2), this.stop.signal);
        } catch {
          return;
        }
      }
    }
  }

  private async alreadyComplete(relPath: string, dataId: string | undefined, lastChanged: string | undefined): Promise<boolean> {
    const entry = this.manifest.get(relPath);
    if (!entry || entry.dataId !== dataId || entry.lastChanged !== lastChanged) return false;
    const info = await stat(path.join(this.outDir, relPath)).catch(() => undefined);
    return info !== undefined && info.isFile() && info.size === entry.size;
  }

  private async save(job: Job, relPath: string): Promise<{ size: number; sha256: string }> {
    const target = path.join(this.outDir, relPath);
    if (!job.element) return writeWhole(target, Buffer.from(`${JSON.stringify(job.instance, null, 2)}\n`));
    const ref = { appId: job.instance.appId, id: job.instance.id };
    const stream = await this.opts.client.data.stream(ref, job.element.id, { signal: this.stop.signal });
    return writeStreamed(stream, target, stream.size, this.stop.signal);
  }
}

// The export's manifest.json: every file written, with its size and SHA-256, and what it came
// from. A file is entered only after it was completely written and renamed into place, so "in the
// manifest with this size" means "complete", which is what a resumed export skips on.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CliError } from '../errors';

export interface ManifestEntry {
  /** Relative to the export folder, with forward slashes. */
  path: string;
  instanceId: string;
  /** Absent for the instance document (instance.json). */
  dataId?: string;
  dataType?: string;
  contentType?: string;
  filename?: string;
  size: number;
  sha256: string;
  /** The element's (or instance's) lastChanged when saved: a newer one is downloaded again. */
  lastChanged?: string;
  savedAt: string;
}

export interface ManifestFailure {
  path: string;
  instanceId: string;
  dataId?: string;
  error: string;
}

export interface Manifest {
  version: 1;
  tool: 'altinn-explorer';
  app: string;
  environment: { id: string; kind: string; platformUrl: string };
  filter: Record<string, string | boolean>;
  createdAt: string;
  updatedAt: string;
  /** Set when a run finished with every file downloaded and verified. */
  completedAt?: string;
  complete: boolean;
  instances: number;
  totalBytes: number;
  files: ManifestEntry[];
  failures: ManifestFailure[];
}

export const MANIFEST_NAME = 'manifest.json';
const SAVE_INTERVAL_MS = 1000;

/** The manifest in memory, saved atomically now and then and at the end. */
export class ManifestStore {
  private readonly entries = new Map<string, ManifestEntry>();
  private failures = new Map<string, ManifestFailure>();
  private timer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(readonly file: string, private header: Omit<Manifest, 'files' | 'failures' | 'totalBytes'>) {}

  static async open(dir: string, header: Pick<Manifest, 'app' | 'environment' | 'filter'>): Promise<ManifestStore> {
    const file = path.join(dir, MANIFEST_NAME);
    const now = new Date().toISOString();
    const previous = await readManifest(file);
    if (previous && previous.app !== header.app) {
      throw new CliError(`${dir} holds an export of ${previous.app}, not ${header.app}.`, 'Choose another --out folder.');
    }
    const store = new ManifestStore(file, {
      version: 1,
      tool: 'altinn-explorer',
      ...header,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      complete: false,
      instances: 0,
    });
    for (const e of previous?.files ?? []) store.entries.set(e.path, e);
    return store;
  }

  get size(): number {
    return this.entries.size;
  }

  get(relPath: string): ManifestEntry | undefined {
    return this.entries.get(relPath);
  }

  all(): ManifestEntry[] {
    return [...this.entries.values()];
  }

  put(entry: ManifestEntry): void {
    this.entries.set(entry.path, entry);
    this.failures.delete(entry.path);
    this.changed();
  }

  remove(relPath: string): void {
    if (this.entries.delete(relPath)) this.changed();
  }

  fail(failure: ManifestFailure): void {
    this.failures.set(failure.path, failure);
    this.changed();
  }

  get failureList(): ManifestFailure[] {
    return [...this.failures.values()];
  }

  setInstances(count: number): void {
    this.header.instances = count;
  }

  markComplete(complete: boolean): void {
    this.header.complete = complete;
    this.header.completedAt = complete ? new Date().toISOString() : undefined;
  }

  private changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.save().catch(() => undefined);
    }, SAVE_INTERVAL_MS);
  }

  /** Writes manifest.json through a temporary file and a rename; saves are serialised. */
  save(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.dirty = false;
    const files = this.all().sort((a, b) => a.path.localeCompare(b.path));
    const manifest: Manifest = {
      ...this.header,
      updatedAt: new Date().toISOString(),
      totalBytes: files.reduce((sum, f) => sum + f.size, 0),
      files,
      failures: this.failureList,
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    this.saving = this.saving.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, text);
      await rename(temp, this.file);
    });
    return this.saving;
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }
}

export async function readManifest(file: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (manifest.version !== 1 || !Array.isArray(manifest.files)) throw new Error('not a manifest');
    return manifest;
  } catch {
    throw new CliError(`${file} is not an altinn-explorer export manifest.`, 'Choose another --out folder, or delete the file to start over.');
  }
}

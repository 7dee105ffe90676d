// `--data FILE`: state survives a restart. Saves are debounced and atomic: the whole state goes to a temp
// file in the same directory, is fsynced, then renamed over FILE (and the directory fsynced), so a kill
// mid-write leaves either the old or the new file, never a torn one.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppCatalog } from './apps';
import { ownersFor } from './seed';
import { GeneratedSet } from './seed-generated';
import type { Store } from './store';
import type { Blob, CloudEvent, InstanceRecord } from './types';

type SavedRecord = Pick<InstanceRecord, 'seq' | 'lastChangedMs' | 'wire' | 'events' | 'history'>;

interface SavedBlob {
  kind: Blob['kind'];
  base64?: string;
  size?: number;
  seed?: number;
  path?: string;
}

interface SavedState {
  version: 1;
  baseUrl: string;
  instances: SavedRecord[];
  blobs: Record<string, SavedBlob>;
  events: Record<string, CloudEvent[]>;
  /** Volume records are regenerated from these numbers; only the changed ones are stored in full. */
  generated?: { perApp: number; firstSeq: number; changed: Array<SavedRecord & { app: number; k: number }> };
}

function saveBlob(b: Blob): SavedBlob {
  if (b.kind === 'buffer') return { kind: 'buffer', base64: b.data.toString('base64') };
  if (b.kind === 'synthetic') return { kind: 'synthetic', size: b.size, seed: b.seed };
  return { kind: 'file', path: b.path, size: b.size };
}

function loadBlob(s: SavedBlob): Blob | undefined {
  if (s.kind === 'buffer') return { kind: 'buffer', data: Buffer.from(s.base64 ?? '', 'base64') };
  if (s.kind === 'synthetic') return { kind: 'synthetic', size: s.size ?? 0, seed: s.seed ?? 0 };
  if (s.path && existsSync(s.path)) return { kind: 'file', path: s.path, size: s.size ?? 0 };
  return undefined;
}

export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  try {
    const dfd = openSync(dirname(file), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Directory fsync is not supported everywhere; the rename itself is still atomic.
  }
}

export function serializeState(store: Store): string {
  const instances: SavedState['instances'] = [];
  const set = store.generatedSet;
  const generated: SavedState['generated'] = set ? { perApp: set.perApp, firstSeq: set.firstSeq, changed: [] } : undefined;
  for (const r of store.records()) {
    const slot = r.generatedSlot;
    if (slot && !r.changed) continue;
    const saved = { seq: r.seq, lastChangedMs: r.lastChangedMs, wire: r.wire, events: r.events, history: r.history };
    if (slot) generated?.changed.push({ ...saved, ...slot });
    else instances.push(saved);
  }
  const blobs: Record<string, SavedBlob> = {};
  for (const [id, b] of store.blobs) blobs[id] = saveBlob(b);
  const state: SavedState = { version: 1, baseUrl: store.baseUrl, instances, blobs, events: Object.fromEntries(store.events), generated };
  return JSON.stringify(state);
}

/** Loads a saved state into an empty store; links that named the old address are rewritten to the new one. */
export function loadState(store: Store, apps: AppCatalog, file: string): boolean {
  if (!existsSync(file)) return false;
  let text = readFileSync(file, 'utf8');
  const probe = /"baseUrl":"([^"]*)"/.exec(text);
  if (probe && probe[1] !== store.baseUrl) text = text.split(probe[1]).join(store.baseUrl);
  const state = JSON.parse(text) as SavedState;
  if (state.version !== 1) throw new Error(`unsupported emulator data file version in ${file}`);
  store.bulkInsert(state.instances.map((r) => ({ ...r })));
  if (state.generated && state.generated.perApp > 0) {
    const set = GeneratedSet.create(store.baseUrl, apps.all, ownersFor);
    const records = set.generate(state.generated.perApp, state.generated.firstSeq);
    for (const c of state.generated.changed) set.slot(c.app, c.k)?.restore(c);
    store.bulkInsert(records, true);
    store.attachGenerated(set);
  }
  for (const [id, s] of Object.entries(state.blobs)) {
    const b = loadBlob(s);
    if (b) store.blobs.set(id, b);
  }
  for (const [appId, evs] of Object.entries(state.events)) store.events.set(appId, evs);
  return true;
}

/** Saves after changes settle (debounced) and once more on close. */
export class Persistence {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(private readonly store: Store, private readonly file: string, private readonly delayMs = 100) {
    store.onChange(() => this.schedule());
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.dirty) return;
    this.dirty = false;
    writeAtomically(this.file, serializeState(this.store));
  }

  /** Writes the initial state right away (a fresh seed must survive a restart too). */
  saveNow(): void {
    this.dirty = true;
    this.flush();
  }

  static removeTemp(file: string): void {
    rmSync(`${file}.tmp-${process.pid}`, { force: true });
  }
}

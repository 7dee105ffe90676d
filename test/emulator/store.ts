import { Readable } from 'node:stream';
import { createReadStream, readFileSync, rmSync } from 'node:fs';
import { findOrg } from './apps';
import type { Blob, CloudEvent, DataElement, Instance, InstanceRecord } from './types';
import { isoTime, newGuid, nowMs } from './util';
import { SortedIndex } from './sorted-index';
import { decodeGeneratedGuid, type GeneratedSet } from './seed-generated';

export interface EmulatorStats {
  requests: number;
  processNextCount: Record<string, number>;
  instancesCreated: number;
  /** The last {@link RECENT_REQUESTS} requests (control routes excepted) as `METHOD /path`, oldest first: tests count what one action cost. */
  recent: string[];
}

export const RECENT_REQUESTS = 500;

/** Read access for test assertions, plus cheap large attachments (README.md, "Interface"). */
export interface EmulatorStore {
  /** Storage-shaped copy of an instance (`partyId/guid`), or undefined. */
  getInstance(instanceId: string): Instance | undefined;
  /** Storage-shaped copies of the instances of an app (or all), newest change first. */
  listInstances(appId?: string): Instance[];
  countInstances(appId?: string): number;
  /** The bytes of a data element (not for synthetic blobs over 64 MB). */
  getDataBytes(dataId: string): Buffer | undefined;
  /** Adds an attachment whose content is generated when read, so 200 MB costs no memory. */
  putSyntheticBlob(instanceId: string, dataType: string, size: number,
    opts?: { filename?: string; contentType?: string }): DataElement;
  appEvents(appId: string): CloudEvent[];
  readonly stats: EmulatorStats;
}

/** Deterministic pseudo-random bytes for a synthetic blob, streamed in 64 KiB chunks. */
const SYNTHETIC_CHUNK = 64 * 1024;

export function syntheticStream(size: number, seed: number): Readable {
  let offset = 0;
  const chunk = Buffer.alloc(SYNTHETIC_CHUNK);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + seed) & 0xff;
  return new Readable({
    read() {
      if (offset >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, size - offset);
      offset += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

type IndexKind = 'app' | 'org' | 'party';

export class Store implements EmulatorStore {
  private readonly instances = new Map<string, InstanceRecord>();
  /** `partyId/guid` by guid: Storage finds an instance by its guid alone. */
  private readonly idByGuid = new Map<string, string>();
  private readonly all = new SortedIndex();
  private readonly indexes: Record<IndexKind, Map<string, SortedIndex>> = { app: new Map(), org: new Map(), party: new Map() };
  readonly blobs = new Map<string, Blob>();
  readonly events = new Map<string, CloudEvent[]>();
  readonly stats: EmulatorStats = { requests: 0, processNextCount: {}, instancesCreated: 0, recent: [] };
  private nextSeq = 1;
  private listeners: Array<() => void> = [];

  constructor(readonly baseUrl: string) {}

  /** Called after every change (persistence schedules a save). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Bumped on every change; lets readers cache answers derived from the whole store. */
  version = 0;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  allocateSeq(): number {
    return this.nextSeq++;
  }

  /** The seq the next record would get (generated volume records take a block starting here). */
  get peekSeq(): number {
    return this.nextSeq;
  }

  get generatedSet(): GeneratedSet | undefined {
    return this.generated;
  }

  private generated?: GeneratedSet;

  /** Volume records live in their own set (found by decoding their id), not in the instance map. */
  attachGenerated(set: GeneratedSet): void {
    this.generated = set;
  }

  get size(): number {
    return this.instances.size + (this.generated?.size ?? 0);
  }

  get(id: string): InstanceRecord | undefined {
    return this.instances.get(id) ?? this.generated?.find(id);
  }

  /** The instance with this guid, whoever owns it. */
  findByGuid(guid: string): InstanceRecord | undefined {
    const key = guid.toLowerCase();
    const id = this.idByGuid.get(key);
    if (id !== undefined) return this.instances.get(id);
    const slot = decodeGeneratedGuid(key);
    const rec = slot ? this.generated?.slot(slot.appIndex, slot.k) : undefined;
    return rec && rec.wire.id.endsWith(`/${key}`) ? rec : undefined;
  }

  private keep(rec: InstanceRecord): void {
    this.instances.set(rec.wire.id, rec);
    this.idByGuid.set(rec.wire.id.slice(rec.wire.id.indexOf('/') + 1).toLowerCase(), rec.wire.id);
  }

  *records(): IterableIterator<InstanceRecord> {
    yield* this.instances.values();
    if (this.generated) yield* this.generated.records();
  }

  /** Index of records sorted by (lastChanged, seq) ascending: `app:org/app`, `org:org`, `party:id`, or `all`. */
  index(key: string): SortedIndex {
    if (key === 'all') return this.all;
    const colon = key.indexOf(':');
    return this.indexIn(key.slice(0, colon) as IndexKind, key.slice(colon + 1));
  }

  private indexIn(kind: IndexKind, value: string): SortedIndex {
    const map = this.indexes[kind];
    let idx = map.get(value);
    if (!idx) {
      idx = new SortedIndex();
      map.set(value, idx);
    }
    return idx;
  }

  private indexesOf(rec: InstanceRecord): SortedIndex[] {
    const o = rec.owner ?? { appId: rec.wire.appId, org: rec.wire.org, partyId: rec.wire.instanceOwner.partyId };
    return [this.all, this.indexIn('app', o.appId), this.indexIn('org', o.org), this.indexIn('party', o.partyId)];
  }

  /** Adds many records at once (seeding, loading): appends, then sorts each index once. */
  bulkInsert(records: InstanceRecord[], indexOnly = false): void {
    const byOwner = new Map<object, SortedIndex[]>();
    for (const rec of records) {
      if (!indexOnly) this.keep(rec);
      if (rec.seq >= this.nextSeq) this.nextSeq = rec.seq + 1;
      const owner = rec.owner;
      let indexes = owner ? byOwner.get(owner) : undefined;
      if (!indexes) {
        indexes = this.indexesOf(rec);
        if (owner) byOwner.set(owner, indexes);
      }
      for (const idx of indexes) idx.appendUnsorted(rec);
    }
    this.all.sort();
    for (const map of Object.values(this.indexes)) for (const idx of map.values()) idx.sort();
  }

  insert(rec: InstanceRecord): void {
    this.keep(rec);
    for (const idx of this.indexesOf(rec)) idx.insert(rec);
    this.changed();
  }

  /** Applies a change that moves `lastChanged` to now, keeping every index sorted. */
  touch(rec: InstanceRecord, actor: string | undefined, mutate: (w: Instance, now: string) => void): string {
    const ms = nowMs();
    const now = isoTime(ms);
    for (const idx of this.indexesOf(rec)) idx.remove(rec);
    mutate(rec.wire, now);
    rec.changed = true;
    rec.lastChangedMs = ms;
    rec.wire.lastChanged = now;
    if (actor !== undefined) rec.wire.lastChangedBy = actor;
    rec.storageJson = undefined;
    for (const idx of this.indexesOf(rec)) idx.insert(rec);
    this.changed();
    return now;
  }

  /** A change that leaves `lastChanged` alone (read status, data element read flags). */
  quietChange(rec: InstanceRecord, mutate: (w: Instance) => void): void {
    mutate(rec.wire);
    rec.changed = true;
    rec.storageJson = undefined;
    this.changed();
  }

  /** Removes a hard-deleted-and-gone record entirely (not used by the API: Storage keeps hard deletes). */
  remove(rec: InstanceRecord): void {
    for (const idx of this.indexesOf(rec)) idx.remove(rec);
    this.idByGuid.delete(rec.wire.id.slice(rec.wire.id.indexOf('/') + 1).toLowerCase());
    this.instances.delete(rec.wire.id); // generated records are never removed (Storage keeps deleted instances)
    this.changed();
  }

  setBlob(dataId: string, blob: Blob): void {
    const old = this.blobs.get(dataId);
    if (old?.kind === 'file' && (blob.kind !== 'file' || blob.path !== old.path)) rmSync(old.path, { force: true });
    this.blobs.set(dataId, blob);
  }

  deleteBlob(dataId: string): void {
    const old = this.blobs.get(dataId);
    if (old?.kind === 'file') rmSync(old.path, { force: true });
    this.blobs.delete(dataId);
  }

  blobStream(dataId: string): Readable | undefined {
    const b = this.blobs.get(dataId);
    if (!b) return undefined;
    if (b.kind === 'buffer') return Readable.from([b.data]);
    if (b.kind === 'file') return createReadStream(b.path);
    return syntheticStream(b.size, b.seed);
  }

  addEvent(appId: string, ev: CloudEvent): void {
    const list = this.events.get(appId) ?? [];
    list.push(ev);
    this.events.set(appId, list);
    this.changed();
  }

  // ---- EmulatorStore (test-facing) ----

  getInstance(instanceId: string): Instance | undefined {
    const rec = this.get(instanceId);
    return rec ? (JSON.parse(JSON.stringify(rec.wire)) as Instance) : undefined;
  }

  listInstances(appId?: string): Instance[] {
    const idx = this.index(appId ? `app:${appId}` : 'all');
    const out: Instance[] = [];
    for (let i = idx.length - 1; i >= 0; i--) out.push(JSON.parse(JSON.stringify(idx.at(i).wire)) as Instance);
    return out;
  }

  countInstances(appId?: string): number {
    return this.index(appId ? `app:${appId}` : 'all').length;
  }

  getDataBytes(dataId: string): Buffer | undefined {
    const b = this.blobs.get(dataId);
    if (!b) return undefined;
    if (b.kind === 'buffer') return b.data;
    if (b.kind === 'file') return readFileSync(b.path);
    if (b.size > 64 * 1024 * 1024) throw new Error('synthetic blob too large to materialise; stream it instead');
    const out = Buffer.alloc(b.size);
    for (let i = 0; i < b.size; i++) out[i] = ((i % SYNTHETIC_CHUNK) * 31 + b.seed) & 0xff;
    return out;
  }

  putSyntheticBlob(instanceId: string, dataType: string, size: number,
    opts: { filename?: string; contentType?: string } = {}): DataElement {
    const rec = this.get(instanceId);
    if (!rec) throw new Error(`unknown instance ${instanceId}`);
    const dataId = newGuid();
    let element: DataElement | undefined;
    this.touch(rec, undefined, (w, now) => {
      element = newDataElement(this.baseUrl, w, dataId, dataType, {
        filename: opts.filename ?? 'large.bin', contentType: opts.contentType ?? 'application/octet-stream', size, now,
        actor: w.createdBy,
      });
      w.data.push(element);
    });
    this.setBlob(dataId, { kind: 'synthetic', size, seed: size & 0xff });
    return element as DataElement;
  }

  appEvents(appId: string): CloudEvent[] {
    return [...(this.events.get(appId) ?? [])];
  }
}

export function instanceLinks(baseUrl: string, w: Pick<Instance, 'appId' | 'id'>): { apps: string; platform: string } {
  return { apps: `${baseUrl}/${w.appId}/instances/${w.id}`, platform: `${baseUrl}/storage/api/v1/instances/${w.id}` };
}

export function newDataElement(baseUrl: string, w: Instance, dataId: string, dataType: string,
  o: { filename?: string; contentType: string; size: number; now: string; actor?: string }): DataElement {
  const links = instanceLinks(baseUrl, w);
  const guid = w.id.split('/')[1];
  return {
    id: dataId,
    instanceGuid: guid,
    dataType,
    filename: o.filename,
    contentType: o.contentType,
    blobStoragePath: `${w.appId}/${guid}/data/${dataId}`,
    selfLinks: { apps: `${links.apps}/data/${dataId}`, platform: `${links.platform}/data/${dataId}` },
    size: o.size,
    locked: false,
    // Storage marks an element the app owner creates as unread (Altinn/altinn-storage src/Storage/Controllers/
    // DataController.cs, `User.GetOrg() == instance.Org`); an org's actor id is its organisation number.
    isRead: o.actor === undefined || o.actor !== findOrg(w.org)?.orgNumber,
    tags: [],
    fileScanResult: 'NotApplicable',
    created: o.now,
    createdBy: o.actor,
    lastChanged: o.now,
    lastChangedBy: o.actor,
  };
}

// Volume instances for `--instances N` (up to 100,000 per app). A generated record is a handful of numbers:
// its GUID is a reversible function of (app, index), so it needs no map entry (an id is decoded back to
// its slot), and its Storage-shaped `wire` object is built on first use. Seeding 400,000 then costs one
// small object and four index slots each; only pages actually served, filtered or changed are materialised.
import type { AppDef } from './apps';
import { formToXml } from './formdata';
import type { Party } from './parties';
import type { Instance, InstanceEvent, InstanceRecord, ProcessHistoryItem } from './types';
import { guidFrom, isoTime, prng } from './util';

export interface GeneratedApp {
  index: number;
  baseUrl: string;
  app: AppDef;
  emptyFormSize: number;
  owners: Party[];
  ownerKeys: Array<{ appId: string; org: string; partyId: string }>;
  records: GeneratedRecord[];
}

function mix(a: number, k: number): number {
  let h = Math.imul(a + 0x9e3779b1, 0x85ebca6b) ^ Math.imul(k + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x27d4eb2d);
  return (h ^ (h >>> 15)) >>> 0;
}

const hex = (n: number, digits: number) => (n >>> 0).toString(16).padStart(8, '0').slice(8 - digits);

/** Random-looking but reversible: the app index hides in group 3, the record index in the last 8 digits. */
export function generatedGuid(appIndex: number, k: number): string {
  const h = mix(appIndex, k);
  const h2 = mix(k, appIndex);
  const tail = (Math.imul(k, 0x9e3779b1) ^ mix(appIndex, -1)) >>> 0;
  return `${hex(h, 8)}-${hex(h2 >>> 16, 4)}-4${hex((appIndex ^ h) & 0xfff, 3)}-${hex(8 | ((h2 >>> 12) & 3), 1)}${hex(h2, 3)}` +
    `-${hex(h2 >>> 4, 4)}${hex(tail, 8)}`;
}

/** (appIndex, k) a generated GUID encodes, or undefined; the GUID is re-derived to confirm. */
export function decodeGeneratedGuid(guid: string): { appIndex: number; k: number } | undefined {
  if (guid.length !== 36) return undefined;
  const h = parseInt(guid.slice(0, 8), 16);
  const g3 = parseInt(guid.slice(15, 18), 16);
  const tail = parseInt(guid.slice(28, 36), 16);
  if (Number.isNaN(h) || Number.isNaN(g3) || Number.isNaN(tail)) return undefined;
  const appIndex = (g3 ^ h) & 0xfff;
  // 0x0e8b2f51 is the inverse of 0x9e3779b1 modulo 2^32.
  const k = Math.imul((tail ^ mix(appIndex, -1)) >>> 0, 0x0e8b2f51) >>> 0;
  return generatedGuid(appIndex, k) === guid.toLowerCase() ? { appIndex, k } : undefined;
}

/** Generated instances sit before the hand-shaped seed: from 2025-04-22 backwards, one a minute. */
export const GENERATED_NEWEST_MS = Date.UTC(2025, 3, 22, 12, 0, 0);

export class GeneratedRecord implements InstanceRecord {
  private built?: Instance;
  private ev?: InstanceEvent[];
  private hist?: ProcessHistoryItem[];
  storageJson?: Buffer;

  changed?: boolean;

  constructor(private readonly gen: GeneratedApp, readonly seq: number, public lastChangedMs: number, private readonly k: number) {}

  get generatedSlot(): { app: number; k: number } {
    return { app: this.gen.index, k: this.k };
  }

  /** Restores a persisted change (loading a data file). */
  restore(saved: Pick<InstanceRecord, 'lastChangedMs' | 'wire' | 'events' | 'history'>): void {
    this.lastChangedMs = saved.lastChangedMs;
    this.built = saved.wire;
    this.ev = saved.events;
    this.hist = saved.history;
    this.changed = true;
  }

  get owner(): { appId: string; org: string; partyId: string } {
    return this.gen.ownerKeys[this.k % this.gen.ownerKeys.length];
  }

  get lazyId(): string {
    return `${this.owner.partyId}/${generatedGuid(this.gen.index, this.k)}`;
  }

  get wire(): Instance {
    return (this.built ??= this.build());
  }

  set wire(w: Instance) {
    this.built = w;
  }

  get events(): InstanceEvent[] {
    return (this.ev ??= []);
  }

  get history(): ProcessHistoryItem[] {
    return (this.hist ??= []);
  }

  /** Every fourth instance is archived; the rest wait in the first task. Deterministic per index. */
  private build(): Instance {
    const { app, baseUrl, emptyFormSize } = this.gen;
    const party = this.gen.owners[this.k % this.gen.owners.length];
    const id = this.lazyId;
    const guid = id.slice(id.indexOf('/') + 1);
    const time = isoTime(this.lastChangedMs);
    const apps = `${baseUrl}/${app.id}/instances/${id}`;
    const platform = `${baseUrl}/storage/api/v1/instances/${id}`;
    const archived = this.k % 4 === 3;
    const task = app.tasks[0];
    const w: Instance = {
      id,
      instanceOwner: { partyId: this.owner.partyId, personNumber: party.ssn, organisationNumber: party.ssn ? undefined : party.orgNumber },
      appId: app.id, org: app.org, selfLinks: { apps, platform }, visibleAfter: time,
      process: archived
        ? { started: time, startEvent: 'StartEvent_1', ended: time, endEvent: 'EndEvent_1' }
        : { started: time, startEvent: 'StartEvent_1', currentTask: { flow: 2, started: time, elementId: task.id, name: task.name,
          altinnTaskType: task.type, flowType: 'CompleteCurrentMoveToNext' } },
      status: archived ? { isArchived: true, archived: time, isSoftDeleted: false, isHardDeleted: false, readStatus: 'Read' }
        : { isArchived: false, isSoftDeleted: false, isHardDeleted: false, readStatus: this.k % 2 === 0 ? 'Unread' : 'Read' },
      data: [], created: time, createdBy: '1337', lastChanged: time, lastChangedBy: '1337',
    };
    const model = app.models[0];
    if (model) {
      const dataId = guidFrom(prng(this.seq * 2654435761));
      w.data.push({ id: dataId, instanceGuid: guid, dataType: model.dataType, contentType: 'application/xml',
        blobStoragePath: `${app.id}/${guid}/data/${dataId}`,
        selfLinks: { apps: `${apps}/data/${dataId}`, platform: `${platform}/data/${dataId}` },
        size: emptyFormSize, locked: archived, isRead: true, tags: [], fileScanResult: 'NotApplicable',
        created: time, createdBy: '1337', lastChanged: time, lastChangedBy: '1337' });
    }
    return w;
  }
}

/** All generated records of a store, found by id without a map. */
export class GeneratedSet {
  constructor(private readonly apps: GeneratedApp[]) {}

  static create(baseUrl: string, apps: AppDef[], ownersOf: (app: AppDef) => Party[]): GeneratedSet {
    return new GeneratedSet(apps.map((app, index) => {
      const owners = ownersOf(app);
      return {
        index, baseUrl, app, owners, records: [],
        emptyFormSize: app.models[0] ? Buffer.byteLength(formToXml(app.models[0], {})) : 0,
        ownerKeys: owners.map((o) => ({ appId: app.id, org: app.org, partyId: String(o.partyId) })),
      };
    }));
  }

  perApp = 0;
  firstSeq = 0;

  /**
   * Creates `perApp` records per app, newest first, a minute apart counting back from GENERATED_NEWEST_MS,
   * with seqs from `firstSeq` on: the same arguments give the same records (persistence relies on it).
   */
  generate(perApp: number, firstSeq: number): GeneratedRecord[] {
    this.perApp = perApp;
    this.firstSeq = firstSeq;
    let seq = firstSeq;
    const out: GeneratedRecord[] = [];
    for (const g of this.apps) {
      for (let k = 0; k < perApp; k++) {
        const rec = new GeneratedRecord(g, seq++, GENERATED_NEWEST_MS - k * 60_000, k);
        g.records.push(rec);
        out.push(rec);
      }
    }
    return out;
  }

  get size(): number {
    return this.apps.reduce((n, g) => n + g.records.length, 0);
  }

  slot(app: number, k: number): GeneratedRecord | undefined {
    return this.apps[app]?.records[k];
  }

  find(id: string): InstanceRecord | undefined {
    const slash = id.indexOf('/');
    const decoded = decodeGeneratedGuid(id.slice(slash + 1));
    if (!decoded) return undefined;
    const rec = this.apps[decoded.appIndex]?.records[decoded.k];
    return rec && rec.owner.partyId === id.slice(0, slash) ? rec : undefined;
  }

  *records(): IterableIterator<InstanceRecord> {
    for (const g of this.apps) yield* g.records;
  }
}

import type { InstanceRecord } from './types';

/** Orders records by (lastChanged, seq): the order Storage pages in and its continuation token encodes. */
export function compareKey(aMs: number, aSeq: number, bMs: number, bSeq: number): number {
  return aMs !== bMs ? aMs - bMs : aSeq - bSeq;
}

/**
 * Records sorted ascending by (lastChangedMs, seq). A query pages from either end and finds a
 * continuation point by binary search, so a page costs O(log N + size) instead of a scan.
 */
export class SortedIndex {
  private items: InstanceRecord[] = [];

  get length(): number {
    return this.items.length;
  }

  at(i: number): InstanceRecord {
    return this.items[i];
  }

  appendUnsorted(rec: InstanceRecord): void {
    this.items.push(rec);
  }

  sort(): void {
    this.items.sort((a, b) => compareKey(a.lastChangedMs, a.seq, b.lastChangedMs, b.seq));
  }

  /** First position whose key is greater than (ms, seq). */
  upperBound(ms: number, seq: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = this.items[mid];
      if (compareKey(r.lastChangedMs, r.seq, ms, seq) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First position whose key is greater than or equal to (ms, seq). */
  lowerBound(ms: number, seq: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = this.items[mid];
      if (compareKey(r.lastChangedMs, r.seq, ms, seq) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Storage's default order, `ORDER BY lastChanged DESC, id` (newest change first, lowest id first among
   * equal times), continued after a token (ms, seq) with `lastChanged < ms OR (lastChanged = ms AND id < seq)`.
   * That condition does not fit the order: at a page boundary inside a group of equal times it repeats
   * the group's lower ids and skips its higher ones, and the emulator reproduces exactly that.
   * Altinn/altinn-storage src/Storage/Migration/FunctionsAndProcedures/readinstancefromquery.sql (readinstancefromquery_v8)
   */
  *newestFirst(after?: { ms: number; seq: number }): Generator<InstanceRecord> {
    const items = this.items;
    let start: number;
    let end: number;
    if (after) {
      start = this.lowerBound(after.ms, -Infinity);
      end = this.lowerBound(after.ms, after.seq);
    } else {
      end = items.length;
      start = end > 0 ? this.lowerBound(items[end - 1].lastChangedMs, -Infinity) : 0;
    }
    for (;;) {
      for (let i = start; i < end; i++) yield items[i];
      if (start === 0) return;
      end = start;
      start = this.lowerBound(items[end - 1].lastChangedMs, -Infinity);
    }
  }

  /** `ORDER BY lastChanged, id` continued with `lastChanged > ms OR (lastChanged = ms AND id > seq)`: exact. */
  *oldestFirst(after?: { ms: number; seq: number }): Generator<InstanceRecord> {
    const items = this.items;
    for (let i = after ? this.upperBound(after.ms, after.seq) : 0; i < items.length; i++) yield items[i];
  }

  insert(rec: InstanceRecord): void {
    const n = this.items.length;
    const last = this.items[n - 1];
    // Changes happen "now", so the common case is an append.
    if (n === 0 || compareKey(last.lastChangedMs, last.seq, rec.lastChangedMs, rec.seq) < 0) {
      this.items.push(rec);
      return;
    }
    this.items.splice(this.upperBound(rec.lastChangedMs, rec.seq), 0, rec);
  }

  remove(rec: InstanceRecord): void {
    const i = this.lowerBound(rec.lastChangedMs, rec.seq);
    if (this.items[i] === rec) this.items.splice(i, 1);
    else {
      const j = this.items.indexOf(rec);
      if (j >= 0) this.items.splice(j, 1);
    }
  }
}

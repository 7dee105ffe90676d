// Listing every matching instance without waiting for one round trip per page in a row: the lastChanged
// range is cut into disjoint half-open windows that are paged concurrently and merged in the order asked for.
//
// Each window is paged oldest first, the only order Storage continues exactly (newest first repeats and can
// skip instances that share a lastChanged at a page edge): ORDER BY lastChanged, id continued with
// `lastChanged > t OR (lastChanged = t AND id > c)`.
// Altinn/altinn-storage src/Storage/Migration/FunctionsAndProcedures/readinstancefromquery.sql (readinstancefromquery_v8),
// docs/altinn-behaviour.md §2.1.
import type { CallOptions } from './context';
import { AltinnApiError } from './errors';
import { encodeDateFilter, type InstanceFilter } from './instance-query';
import type { Instance, QueryResponse } from './models';
import { redactUrl } from './urls';

export interface ListOptions extends CallOptions {
  /** Pages requested at a time (default 8). */
  concurrency?: number;
  /** Windows the range is first cut into (default: the concurrency); busy windows are split further as workers free up. */
  windows?: number;
}

/** What the listing needs from InstancesApi. */
export interface InstancePager {
  query(filter: InstanceFilter, opts?: CallOptions): Promise<QueryResponse>;
  iterate(filter: InstanceFilter, opts?: CallOptions): AsyncGenerator<Instance>;
}

interface Bound {
  wire: string;
  ms: number;
}

interface Bounds {
  lower?: Bound;
  upper?: Bound;
}

/** Part of the range: `lower` (inclusive or the user's own) to `upper` (exclusive, or the user's own, or none). */
interface Window {
  lower?: string;
  upper?: string;
  /** Where this listing cut the window (exclusive); undefined for the user's own end or none. */
  upperMs?: number;
  /** Storage's continuation token after the last page, and that page's last lastChanged. */
  token?: string;
  cursorMs?: number;
  /** How much time the last page covered: about how far the page now being read will reach. */
  pageSpanMs?: number;
  started: boolean;
  done: boolean;
  items: Instance[];
}

const DEFAULT_CONCURRENCY = 8;

/**
 * The user's lastChanged conditions as one lower and one upper bound; undefined when they cannot be
 * combined with windows (an `eq`, or two conditions of one side: Storage answers 400 to a repeated operator,
 * Altinn/altinn-storage src/Storage/Models/InstanceQueryParameters.cs AddDateParamIfNotNull adds each to a dictionary).
 */
function userBounds(filter: InstanceFilter): Bounds | undefined {
  if (filter.lastChanged === undefined) return {};
  const bounds: Bounds = {};
  for (const wire of encodeDateFilter(filter.lastChanged, 'lastChanged')) {
    const op = wire.slice(0, wire.indexOf(':'));
    const ms = Date.parse(wire.slice(op.length + 1));
    const side = op === 'gt' || op === 'gte' ? 'lower' : op === 'lt' || op === 'lte' ? 'upper' : undefined;
    if (!side || bounds[side] || Number.isNaN(ms)) return undefined;
    bounds[side] = { wire, ms };
  }
  return bounds;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Oldest first: the first window keeps the user's lower bound, the last the user's upper bound (or none). */
function cutWindows(bounds: Bounds, oldestMs: number, newestMs: number, count: number): Window[] {
  const edges: number[] = [];
  const span = newestMs + 1 - oldestMs;
  for (let i = 1; i < count; i++) {
    const edge = Math.floor(oldestMs + (span * i) / count);
    if (edge > oldestMs && edge <= newestMs && edge !== edges.at(-1)) edges.push(edge);
  }
  const windows: Window[] = [];
  for (let i = 0; i <= edges.length; i++) {
    const last = i === edges.length;
    windows.push({
      lower: i === 0 ? bounds.lower?.wire : `gte:${iso(edges[i - 1])}`,
      upper: last ? bounds.upper?.wire : `lt:${iso(edges[i])}`,
      upperMs: last ? undefined : edges[i],
      started: false,
      done: false,
      items: [],
    });
  }
  return windows;
}

/** Newest first as Storage orders it: lastChanged descending, ties in ascending id order (stable sort of the oldest-first list). */
function newestFirst(items: Instance[]): Instance[] {
  return items
    .map((instance, i) => ({ instance, i, ms: Date.parse(instance.lastChanged ?? '') }))
    .sort((a, b) => b.ms - a.ms || a.i - b.i)
    .map((e) => e.instance);
}

/** Resolves every waiter when something changed. */
class Pulse {
  private waiters: (() => void)[] = [];
  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  fire(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }
}

function withDates(filter: InstanceFilter, ...conditions: (string | undefined)[]): InstanceFilter {
  const lastChanged = conditions.filter((c): c is string => c !== undefined);
  return { ...filter, lastChanged: lastChanged.length > 0 ? lastChanged : undefined };
}

/** The continuation token of Storage's `next` link (docs/altinn-behaviour.md §2.1). */
function continuationToken(next: string): string {
  let token: string | null = null;
  try {
    token = new URL(next, 'http://storage.invalid').searchParams.get('continuationToken');
  } catch {
    // reported below
  }
  if (!token) throw new AltinnApiError({ kind: 'http', method: 'GET', url: redactUrl(next), status: 200, text: 'Storage returned a next link without a continuation token' });
  return token;
}

/**
 * Every matching instance, each once, in the filter's order (newest change first by default).
 *
 * The range from the oldest to the newest match is cut into as many windows as pages may be requested at
 * a time; a worker that runs out of windows splits the one with the most time left ahead of its last page,
 * so that instances bunched in time are still read concurrently.
 *
 * While the listing runs, instances may change; Storage then moves them to the newest end. An instance
 * that changed during the listing still comes exactly once: as it was when its window was read, or, when
 * it moved before its window was read, from a last pass over the instances changed since the listing
 * began, which comes at the end of the output (in either order). Instances created during the listing
 * may be included. Filters this cannot split (an `eq` date, a continuation token, pages thinned by the
 * caller's authorisation) are paged one page at a time instead.
 */
export async function* listInWindows(pager: InstancePager, filter: InstanceFilter, opts: ListOptions = {}): AsyncGenerator<Instance> {
  const bounds = filter.continuationToken === undefined ? userBounds(filter) : undefined;
  if (!bounds) {
    yield* pager.iterate(filter, opts);
    return;
  }
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY));
  const base: InstanceFilter = { ...filter, order: 'asc' };
  const probe = { ...base, size: 1, includeDataElements: false };
  const [oldestPage, newestPage] = await Promise.all([pager.query(probe, opts), pager.query({ ...probe, order: 'desc' }, opts)]);
  const oldest = Date.parse(oldestPage.instances[0]?.lastChanged ?? '');
  const newest = Date.parse(newestPage.instances[0]?.lastChanged ?? '');
  if (Number.isNaN(oldest) || Number.isNaN(newest)) {
    // No instance, or a first page emptied by authorisation (which still has `next`).
    if (oldestPage.next || newestPage.next) yield* pager.iterate(filter, opts);
    return;
  }

  const ascending = filter.order === 'asc';
  /** In output order. */
  const windows = cutWindows(bounds, oldest, Math.max(oldest, newest), Math.max(1, Math.floor(opts.windows ?? concurrency)));
  if (!ascending) windows.reverse();
  const rangeEnd = Math.max(oldest, newest) + 1;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) stop.abort();
  const pulse = new Pulse();
  stop.signal.addEventListener('abort', () => pulse.fire());
  let failure: unknown;
  let head = 0;
  const maxAhead = concurrency * 2;

  /**
   * Splits the window with the most time left after its last page; the new part comes after it in time.
   * The cut goes at half the time left, or beyond where the page being read will likely end (as far as the
   * last page reached), so that little of that page is thrown away and read again by the new part.
   */
  const split = (): Window | undefined => {
    let best: Window | undefined;
    let bestAt = 0;
    let bestLeft = 0;
    for (const w of windows) {
      if (!w.started || w.done || w.token === undefined || w.cursorMs === undefined) continue;
      const end = w.upperMs ?? Math.max(rangeEnd, w.cursorMs + 1);
      const at = w.cursorMs + Math.max(Math.floor((end - w.cursorMs) / 2), Math.ceil((w.pageSpanMs ?? 0) * 1.25));
      if (at > w.cursorMs && end - at > bestLeft) [best, bestAt, bestLeft] = [w, at, end - at];
    }
    if (!best) return undefined;
    const at = bestAt;
    const half: Window = { lower: `gte:${iso(at)}`, upper: best.upper, upperMs: best.upperMs, started: true, done: false, items: [] };
    best.upper = `lt:${iso(at)}`;
    best.upperMs = at;
    const index = windows.indexOf(best);
    windows.splice(ascending ? index + 1 : index, 0, half);
    return half;
  };

  const take = (): Window | undefined => {
    for (let i = head; i < Math.min(windows.length, head + maxAhead); i++) {
      if (!windows[i].started) {
        windows[i].started = true;
        return windows[i];
      }
    }
    return split();
  };

  const read = async (w: Window): Promise<void> => {
    while (!w.done && !stop.signal.aborted) {
      const page = await pager.query({ ...withDates(base, w.lower, w.upper), continuationToken: w.token }, { signal: stop.signal });
      // A page asked for before its window was split may reach into the later half: that half reads those.
      let cut = false;
      for (const instance of page.instances) {
        if (w.upperMs !== undefined && Date.parse(instance.lastChanged ?? '') >= w.upperMs) cut = true;
        else w.items.push(instance);
      }
      const cursor = Date.parse(page.instances.at(-1)?.lastChanged ?? '');
      const first = Date.parse(page.instances[0]?.lastChanged ?? '');
      w.cursorMs = Number.isNaN(cursor) ? undefined : cursor;
      w.pageSpanMs = Number.isNaN(cursor) || Number.isNaN(first) ? undefined : cursor - first;
      const token = page.next ? continuationToken(page.next) : undefined;
      if (token !== undefined && token === w.token) {
        throw new AltinnApiError({ kind: 'http', method: 'GET', url: redactUrl(page.next ?? ''), status: 200, text: 'Storage returned the same continuation token twice; stopped paging' });
      }
      w.token = token;
      if (cut || token === undefined) w.done = true;
      pulse.fire();
    }
  };

  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      const w = take();
      if (!w) {
        if (windows.every((x) => x.done)) return;
        await pulse.wait();
        continue;
      }
      try {
        await read(w);
      } catch (error) {
        if (!stop.signal.aborted || opts.signal?.aborted) failure ??= error;
        stop.abort();
      }
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker());

  const seen = new Set<string>();
  try {
    for (; head < windows.length; head++) {
      pulse.fire();
      let next = 0;
      for (;;) {
        if (failure !== undefined) throw failure;
        if (stop.signal.aborted) throw opts.signal?.reason ?? new Error('The listing was stopped.');
        // Re-read each time: a split may have put a newer half at the head (newest first).
        const w = windows[head];
        if (ascending) {
          // Oldest first: the head window's pages go out as they arrive.
          for (; next < w.items.length; next++) {
            const instance = w.items[next];
            if (!seen.has(instance.id)) {
              seen.add(instance.id);
              yield instance;
            }
          }
        }
        if (w.done) break;
        await pulse.wait();
      }
      const w = windows[head];
      if (!ascending) {
        for (const instance of newestFirst(w.items)) {
          if (seen.has(instance.id)) continue;
          seen.add(instance.id);
          yield instance;
        }
      }
      w.items = [];
    }
    if (!bounds.upper) {
      // Instances that changed while the windows were read and moved past the ones already read.
      const since = bounds.lower && bounds.lower.ms >= Math.floor(newest) ? bounds.lower.wire : `gte:${iso(Math.floor(newest))}`;
      for await (const instance of pager.iterate(withDates(base, since), opts)) {
        if (seen.has(instance.id)) continue;
        seen.add(instance.id);
        yield instance;
      }
    }
  } finally {
    stop.abort();
    opts.signal?.removeEventListener('abort', onAbort);
    await Promise.allSettled(workers);
  }
}

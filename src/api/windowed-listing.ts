// Listing every matching instance without waiting for one round trip per page in a row: the lastChanged
// range is cut into disjoint half-open windows that are paged concurrently and merged in the order asked for.
//
// Each window is paged oldest first, the only order Storage continues exactly (newest first repeats and can
// skip instances that share a lastChanged at a page edge): ORDER BY lastChanged, id continued with
// `lastChanged > t OR (lastChanged = t AND id > c)`.
// Altinn/altinn-storage src/Storage/Migration/FunctionsAndProcedures/readinstancefromquery.sql (readinstancefromquery_v8),
// docs/altinn-behaviour.md §2.1.
import type { CallOptions } from './context';
import { encodeDateFilter, type InstanceFilter } from './instance-query';
import type { Instance, QueryResponse } from './models';

export interface ListOptions extends CallOptions {
  /** Pages requested at a time (default 8). */
  concurrency?: number;
  /** Windows the range is cut into (default twice the concurrency). */
  windows?: number;
}

/** What the listing needs from InstancesApi. */
export interface InstancePager {
  query(filter: InstanceFilter, opts?: CallOptions): Promise<QueryResponse>;
  pages(filter: InstanceFilter, opts?: CallOptions): AsyncGenerator<QueryResponse>;
  iterate(filter: InstanceFilter, opts?: CallOptions): AsyncGenerator<Instance>;
}

interface Bound {
  op: string;
  wire: string;
  ms: number;
}

interface Bounds {
  lower?: Bound;
  upper?: Bound;
}

interface Window {
  /** Storage date conditions for lastChanged: at most one lower and one upper (a repeated operator is a 400). */
  lastChanged: string[];
  items: Instance[];
  done: boolean;
}

const DEFAULT_CONCURRENCY = 8;

/**
 * The user's lastChanged conditions as one lower and one upper bound; undefined when they cannot be
 * combined with windows (an `eq`, or two conditions of one side: Storage answers 400 to a repeated operator,
 * InstanceQueryParameters.AddDateParamIfNotNull adds each to a dictionary).
 */
function userBounds(filter: InstanceFilter): Bounds | undefined {
  if (filter.lastChanged === undefined) return {};
  const bounds: Bounds = {};
  for (const wire of encodeDateFilter(filter.lastChanged, 'lastChanged')) {
    const op = wire.slice(0, wire.indexOf(':'));
    const ms = Date.parse(wire.slice(op.length + 1));
    const side = op === 'gt' || op === 'gte' ? 'lower' : op === 'lt' || op === 'lte' ? 'upper' : undefined;
    if (!side || bounds[side] || Number.isNaN(ms)) return undefined;
    bounds[side] = { op, wire, ms };
  }
  return bounds;
}

/** Oldest first: the first window keeps the user's lower bound, the last the user's upper bound (or none). */
function cutWindows(bounds: Bounds, oldestMs: number, newestMs: number, count: number): Window[] {
  const edges: number[] = [];
  const span = newestMs + 1 - oldestMs;
  for (let i = 1; i < count; i++) {
    const edge = Math.floor(oldestMs + (span * i) / count);
    if (edge > oldestMs && edge <= newestMs && edge !== edges.at(-1)) edges.push(edge);
  }
  const at = (ms: number): string => new Date(ms).toISOString();
  const windows: Window[] = [];
  for (let i = 0; i <= edges.length; i++) {
    const lower = i === 0 ? bounds.lower?.wire : `gte:${at(edges[i - 1])}`;
    const upper = i === edges.length ? bounds.upper?.wire : `lt:${at(edges[i])}`;
    windows.push({ lastChanged: [lower, upper].filter((c): c is string => c !== undefined), items: [], done: false });
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

function withDates(filter: InstanceFilter, lastChanged: string[]): InstanceFilter {
  return { ...filter, lastChanged: lastChanged.length > 0 ? lastChanged : undefined };
}

/**
 * Every matching instance, each once, in the filter's order (newest change first by default).
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

  const windows = cutWindows(bounds, oldest, Math.max(oldest, newest), Math.max(1, opts.windows ?? concurrency * 2));
  if (filter.order !== 'asc') windows.reverse();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort);
  if (opts.signal?.aborted) stop.abort();
  const pulse = new Pulse();
  let failure: unknown;
  let head = 0;
  let taken = 0;
  const maxAhead = concurrency * 2;

  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      while (taken >= head + maxAhead && !stop.signal.aborted) await pulse.wait();
      if (taken >= windows.length || stop.signal.aborted) return;
      const w = windows[taken++];
      try {
        for await (const page of pager.pages(withDates(base, w.lastChanged), { signal: stop.signal })) {
          w.items.push(...page.instances);
          pulse.fire();
        }
        w.done = true;
      } catch (error) {
        if (!stop.signal.aborted || opts.signal?.aborted) failure ??= error;
        stop.abort();
      }
      pulse.fire();
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker());
  stop.signal.addEventListener('abort', () => pulse.fire());

  const seen = new Set<string>();
  try {
    for (; head < windows.length; head++) {
      pulse.fire();
      const w = windows[head];
      let next = 0;
      for (;;) {
        if (failure !== undefined) throw failure;
        if (stop.signal.aborted) throw opts.signal?.reason ?? new Error('listing stopped');
        if (filter.order === 'asc') {
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
      if (filter.order !== 'asc') {
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
      const since = bounds.lower && bounds.lower.ms >= Math.floor(newest) ? bounds.lower.wire : `gte:${new Date(Math.floor(newest)).toISOString()}`;
      for await (const instance of pager.iterate(withDates(base, [since]), opts)) {
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

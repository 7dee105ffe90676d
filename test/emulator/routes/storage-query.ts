// GET /storage/api/v1/instances (altinn-api.md §2.1): filters, date operators, continuation tokens, order.
import { principalOf, SCOPE_READ } from '../auth';
import { emptyError, sendRawJson, textError } from '../http';
import { findPartyByOrgNumber, findPartyBySsn } from '../parties';
import type { Ctx, Router } from '../router';
import type { SortedIndex } from '../sorted-index';
import type { Instance, InstanceRecord } from '../types';
import { msToTicks, ticksToMs } from '../util';
import { storageQueryResponsePieces } from '../wire-storage';

type Predicate = (rec: InstanceRecord) => boolean;

const DATE_OPS: Record<string, (a: number, b: number) => boolean> = {
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  eq: (a, b) => a === b,
};

function parseDate(s: string): number {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(s);
  const ms = Date.parse(/T/.test(s) && !hasZone ? `${s}Z` : s);
  return ms;
}

/** `lastChanged=gt:2019-05-01&lastChanged=lt:2019-06-01`: every value needs an operator prefix. */
function dateFilters(q: URLSearchParams, name: string, get: (rec: InstanceRecord) => number | undefined): Predicate[] {
  return q.getAll(name).map((value) => {
    const colon = value.indexOf(':');
    const op = colon > 0 ? value.slice(0, colon).toLowerCase() : '';
    const cmp = DATE_OPS[op];
    if (!cmp) throw textError(400, `Unknown query operator in ${name}: ${value}`);
    const when = parseDate(value.slice(colon + 1));
    if (Number.isNaN(when)) throw textError(400, `Unable to perform query on ${name}: invalid date ${value.slice(colon + 1)}`);
    return (rec: InstanceRecord) => {
      const v = get(rec);
      return v !== undefined && cmp(v, when);
    };
  });
}

function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  throw textError(400, `The value '${v}' is not valid for ${name}.`);
}

function dateOf(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Date.parse(s);
}

function buildPredicates(q: URLSearchParams): Predicate[] {
  const preds: Predicate[] = [];
  const org = q.get('org');
  if (org) preds.push((r) => r.wire.org === org);
  const appId = q.get('appId');
  if (appId) preds.push((r) => r.wire.appId === appId);
  const party = q.get('instanceOwner.partyId');
  if (party) preds.push((r) => r.wire.instanceOwner.partyId === party);
  const task = q.get('process.currentTask');
  if (task) preds.push((r) => r.wire.process?.currentTask?.elementId === task);
  const complete = boolParam(q, 'process.isComplete');
  if (complete === true) preds.push((r) => r.wire.process?.ended !== undefined);
  if (complete === false) preds.push((r) => r.wire.process?.currentTask !== undefined && r.wire.process.ended === undefined);
  const endEvent = q.get('process.endEvent');
  if (endEvent) preds.push((r) => r.wire.process?.endEvent === endEvent);
  preds.push(...dateFilters(q, 'lastChanged', (r) => r.lastChangedMs));
  preds.push(...dateFilters(q, 'created', (r) => dateOf(r.wire.created)));
  preds.push(...dateFilters(q, 'visibleAfter', (r) => dateOf(r.wire.visibleAfter)));
  preds.push(...dateFilters(q, 'dueBefore', (r) => dateOf(r.wire.dueBefore)));
  preds.push(...dateFilters(q, 'process.ended', (r) => dateOf(r.wire.process?.ended)));
  for (const stakeholder of q.getAll('excludeConfirmedBy')) {
    preds.push((r) => !(r.wire.completeConfirmations ?? []).some((c) => c.stakeholderId === stakeholder));
  }
  const statusFlag = (name: string, get: (w: Instance) => boolean, dflt?: boolean) => {
    const v = boolParam(q, name) ?? dflt;
    if (v !== undefined) preds.push((r) => get(r.wire) === v);
  };
  statusFlag('status.isArchived', (w) => w.status.isArchived);
  statusFlag('status.isSoftDeleted', (w) => w.status.isSoftDeleted);
  statusFlag('status.isHardDeleted', (w) => w.status.isHardDeleted, false);
  const archiveRef = q.get('archiveReference');
  if (archiveRef) preds.push((r) => r.wire.id.toLowerCase().endsWith(archiveRef.toLowerCase()));
  return preds;
}

/** Party from `X-Ai-InstanceOwnerIdentifier: Person:{ssn}` / `Organisation:{orgNo}`. */
function partyFromHeader(ctx: Ctx): string | undefined {
  const h = ctx.req.headers['x-ai-instanceowneridentifier'];
  if (typeof h !== 'string' || !h) return undefined;
  const [kind, value] = h.split(':');
  const party = /^person$/i.test(kind) ? findPartyBySsn(value ?? '')
    : /^organisation$/i.test(kind) ? findPartyByOrgNumber(value ?? '') : undefined;
  if (!party) throw textError(400, 'Invalid InstanceOwnerIdentifier.');
  return String(party.partyId);
}

function chooseIndex(ctx: Ctx, q: URLSearchParams): SortedIndex {
  const party = q.get('instanceOwner.partyId');
  if (party) return ctx.svc.store.index(`party:${party}`);
  const appId = q.get('appId');
  if (appId) return ctx.svc.store.index(`app:${appId}`);
  const org = q.get('org');
  if (org) return ctx.svc.store.index(`org:${org}`);
  return ctx.svc.store.index('all');
}

/**
 * Answers already computed for (token, URL) at the current store version, bounded by total bytes; any
 * change to the store invalidates them all. Pagers re-reading pages get the bytes a bare server would send.
 */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
interface CachedPage { version: number; body: Buffer }
const pageCache = new WeakMap<object, { bytes: number; pages: Map<string, CachedPage> }>();

function queryInstances(ctx: Ctx): void {
  const store = ctx.svc.store;
  let cache = pageCache.get(store);
  if (!cache) pageCache.set(store, (cache = { bytes: 0, pages: new Map() }));
  const key = `${ctx.req.headers.authorization ?? ''}\n${String(ctx.req.headers['x-ai-instanceowneridentifier'] ?? '')}\n${ctx.req.url ?? ''}`;
  const hit = cache.pages.get(key);
  if (hit && hit.version === store.version) {
    sendRawJson(ctx.res, 200, hit.body);
    return;
  }
  const body = Buffer.concat(computePage(ctx));
  if (hit) cache.bytes -= hit.body.length;
  cache.pages.delete(key);
  while (cache.bytes + body.length > PAGE_CACHE_BYTES && cache.pages.size > 0) {
    const [oldKey, old] = cache.pages.entries().next().value as [string, CachedPage];
    cache.pages.delete(oldKey);
    cache.bytes -= old.body.length;
  }
  cache.pages.set(key, { version: store.version, body });
  cache.bytes += body.length;
  sendRawJson(ctx.res, 200, body);
}

function computePage(ctx: Ctx): Buffer[] {
  const p = principalOf(ctx);
  const q = ctx.query;
  const headerParty = partyFromHeader(ctx);
  if (headerParty) {
    if (q.has('instanceOwner.partyId')) throw textError(400, 'Both InstanceOwner.PartyId and InstanceOwnerIdentifier cannot be present at the same time.');
    q.set('instanceOwner.partyId', headerParty);
  }
  let visible = true;
  if (p.kind === 'org') {
    if (!p.scopes.includes(SCOPE_READ)) throw emptyError(403);
    const org = q.get('org');
    const appId = q.get('appId');
    if (!org && !appId) throw textError(400, 'Org or AppId must be defined.');
    if ((org && org !== p.org) || (appId && appId.split('/')[0] !== p.org)) throw emptyError(403);
  } else {
    const party = q.get('instanceOwner.partyId');
    if (!party) throw textError(400, 'Either InstanceOwnerPartyId or InstanceOwnerIdentifier need to be defined.');
    // User results are filtered by authorisation after the query: another party's instances simply vanish.
    visible = p.kind === 'user' ? p.parties.includes(Number(party)) : findPartyByOrgNumber(p.orgNumber)?.partyId === Number(party);
  }
  const sizeParam = q.get('size');
  const size = sizeParam === null ? 100 : Number(sizeParam);
  if (!Number.isInteger(size) || size < 1) throw textError(400, `Invalid size ${sizeParam}.`);
  const desc = (q.get('order') ?? 'desc:lastChanged').toLowerCase().startsWith('desc:');
  const preds = buildPredicates(q);

  const idx = chooseIndex(ctx, q);
  const token = q.get('continuationToken');
  let pos: number;
  if (token) {
    const [ticks, seqText] = token.split(';');
    const ms = ticksToMs(ticks ?? '');
    const seq = Number(seqText);
    if (ms === undefined || !Number.isInteger(seq)) throw textError(400, 'Invalid continuation token.');
    pos = desc ? idx.lowerBound(ms, seq) - 1 : idx.upperBound(ms, seq);
  } else pos = desc ? idx.length - 1 : 0;

  const page: InstanceRecord[] = [];
  const step = desc ? -1 : 1;
  if (visible) {
    for (; pos >= 0 && pos < idx.length && page.length < size; pos += step) {
      const rec = idx.at(pos);
      let ok = true;
      for (let i = 0; i < preds.length && ok; i++) ok = preds[i](rec);
      if (ok) page.push(rec);
    }
  }
  const base = `${ctx.svc.baseUrl}${ctx.path}`;
  const self = `${base}?${q.toString()}`;
  let next: string | undefined;
  if (page.length === size) {
    const last = page[page.length - 1];
    const nq = new URLSearchParams(q);
    nq.set('continuationToken', `${msToTicks(last.lastChangedMs)};${last.seq}`);
    next = `${base}?${nq.toString()}`;
  }
  return storageQueryResponsePieces(page, self, next);
}

export function registerStorageQuery(router: Router): void {
  router.get('/storage/api/v1/instances', queryInstances);
}

// GET /storage/api/v1/instances (docs/altinn-behaviour.md §2.1): caller rules, hard-delete visibility,
// paging and continuation tokens as Storage has them; the parameters themselves are in storage-query-params.ts.
// Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs GetInstances and its helpers.
import { canAccess, principalOf, SCOPE_READ, type Principal } from '../auth';
import { emptyError, frameworkProblem, sendRawJson, textError } from '../http';
import { findPartyByOrgNumber, findPartyBySsn } from '../parties';
import type { Ctx, Router } from '../router';
import type { SortedIndex } from '../sorted-index';
import type { InstanceRecord } from '../types';
import { msToTicks, ticksToMs } from '../util';
import { storageQueryInstanceJson, storageQueryResponsePieces } from '../wire-storage';
import { applyDefaults, bindQuery, buildPredicates, queryFailure, type BoundQuery } from './storage-query-params';

/**
 * Hard-deleted instances are hidden only from callers without a service-owner scope, and that check reads
 * the `scope` claim alone (ClaimsPrincipalExtensions.HasServiceOwnerScope): a token with its scopes only in
 * `urn:altinn:scope` (localtest's GetTestOrgToken) does not count.
 */
function hasServiceOwnerScope(p: Principal): boolean {
  const scope = p.claims.scope;
  return typeof scope === 'string' && scope.split(' ').some((s) => s.startsWith('altinn:serviceowner'));
}

/** AuthorizeCaller / AuthorizeOrgCaller; an org reading another org's app would need a PDP grant the emulator never gives. */
function authorizeCaller(p: Principal, b: BoundQuery, hasOwnerHeader: boolean): void {
  if (p.kind === 'org') {
    if (!p.scopes.includes(SCOPE_READ)) throw emptyError(403);
    if (!b.org && !b.appId) throw textError(400, 'Org or AppId must be defined.');
    if (!b.org) b.org = (b.appId ?? '').split('/')[0];
    if (b.org.toLowerCase() !== p.org.toLowerCase()) {
      if (!b.appId) throw textError(400, 'AppId must be defined.');
      throw emptyError(403);
    }
    return;
  }
  if (p.kind === 'user') {
    if (b.partyId === undefined && !hasOwnerHeader) throw textError(400, 'Either InstanceOwnerPartyId or InstanceOwnerIdentifier need to be defined.');
    return;
  }
  // Neither an org, a user nor a system user: `BadRequest()`, which [ApiController] turns into ProblemDetails.
  throw frameworkProblem(400, 'Bad Request');
}

const PARTY_TYPES = new Set(['person', 'organisation', 'selfidentified', 'subunit', 'bankruptcyestate']);

/**
 * `X-Ai-InstanceOwnerIdentifier: Person:{ssn}` / `Organisation:{orgNo}` (ParseInstanceOwnerIdentifier,
 * InstanceHelper.GetIdentifierFromInstanceOwnerIdentifier). Undefined when no party has that number:
 * Storage then answers an empty list.
 */
function partyFromHeader(header: string): number | undefined {
  const parts = header.replace(/ /g, '').toLowerCase().split(':');
  if (parts.length !== 2 || !PARTY_TYPES.has(parts[0]) || !parts[1]) throw textError(400, 'Invalid InstanceOwnerIdentifier.');
  const [kind, value] = parts;
  if (kind === 'person') {
    if (!/^\d{11}$/.test(value)) throw textError(400, 'Person number needs to be exactly 11 digits.');
    return findPartyBySsn(value)?.partyId;
  }
  if (kind === 'organisation') {
    if (!/^\d{9}$/.test(value)) throw textError(400, 'Organization number needs to be exactly 9 digits.');
    return findPartyByOrgNumber(value)?.partyId;
  }
  return undefined;
}

function chooseIndex(ctx: Ctx, b: BoundQuery): SortedIndex {
  if (b.partyId !== undefined) return ctx.svc.store.index(`party:${b.partyId}`);
  if (b.appId) return ctx.svc.store.index(`app:${b.appId}`);
  if (b.org) return ctx.svc.store.index(`org:${b.org}`);
  return ctx.svc.store.index('all');
}

/** HttpUtility.UrlDecode: `+` is a space, a malformed escape stays as it is. */
function urlDecode(s: string): string {
  return s.replace(/\+/g, ' ').replace(/(%[0-9a-f]{2})+/gi, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

/** HttpUtility.UrlEncode of a token (`ticks;id`): lower-case escapes. */
function urlEncode(s: string): string {
  return encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

/**
 * `"{ticks};{id}"` (GeneratePostgreSQLParameters): a token without `;` continues nowhere (no row passes
 * the SQL), an id of 0 or less starts from the top, an unreadable number fails the query (500).
 */
type Continuation = { kind: 'start' } | { kind: 'after'; ms: number; seq: number } | { kind: 'nowhere' };

function parseToken(token: string | undefined): Continuation {
  if (token === undefined) return { kind: 'start' };
  if (!token.includes(';')) return { kind: 'nowhere' };
  const [ticks, id] = token.split(';');
  const number = /^\s*[+-]?\d+\s*$/;
  if (!number.test(ticks) || !number.test(id ?? '')) throw queryFailure('The input string was not in a correct format.');
  const seq = Number(id);
  if (seq <= 0) return { kind: 'start' };
  const ms = ticksToMs(ticks.trim());
  if (ms === undefined) throw queryFailure('Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks.');
  return { kind: 'after', ms, seq };
}

/** BuildRequestLink: the request's own query, or with `continuationToken` moved to the end (QueryBuilder encodes it once more). */
function requestLink(ctx: Ctx, continuationToken: string | undefined): string {
  const raw = ctx.req.url ?? '';
  const qs = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';
  const base = `${ctx.svc.baseUrl}${ctx.path}`;
  if (continuationToken === undefined) return `${base}${qs}`;
  const params = new URLSearchParams(qs);
  params.delete('continuationToken');
  params.append('continuationToken', continuationToken);
  return `${base}?${params.toString()}`;
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
  const header = ctx.req.headers['x-ai-instanceowneridentifier'];
  const ownerHeader = typeof header === 'string' && header !== '' ? header : undefined;
  const b = bindQuery(ctx.query);
  if (b.partyId !== undefined && ownerHeader !== undefined) {
    throw textError(400, 'Both InstanceOwner.PartyId and InstanceOwnerIdentifier cannot be present at the same time.');
  }
  authorizeCaller(p, b, ownerHeader !== undefined);
  if (ownerHeader !== undefined) {
    const party = partyFromHeader(ownerHeader);
    if (party === undefined) return storageQueryResponsePieces([], undefined, undefined);
    b.partyId = party;
  }
  // NormalizeContinuationToken: the self link keeps the token as sent, the query uses it URL-decoded.
  const selfToken = b.continuationToken;
  const owner = hasServiceOwnerScope(p);
  if (!owner) {
    // ApplyHardDeleteFilter
    if (b.isHardDeleted === true) return storageQueryResponsePieces([], requestLink(ctx, selfToken), undefined);
    b.isHardDeleted = false;
  }
  const q = applyDefaults(b);
  if (q.size < 0) throw queryFailure('argument of FETCH FIRST must not be negative');
  const continuation = parseToken(selfToken === undefined ? undefined : urlDecode(selfToken));
  const preds = buildPredicates(q);
  const desc = q.sortBy === undefined || q.sortBy.toLowerCase().startsWith('desc:');

  const rows: InstanceRecord[] = [];
  if (continuation.kind !== 'nowhere' && q.size > 0) {
    const idx = chooseIndex(ctx, q);
    const after = continuation.kind === 'after' ? continuation : undefined;
    for (const rec of desc ? idx.newestFirst(after) : idx.oldestFirst(after)) {
      let ok = true;
      for (let i = 0; i < preds.length && ok; i++) ok = preds[i](rec);
      if (!ok) continue;
      rows.push(rec);
      if (rows.length === q.size) break;
    }
  }
  // The token comes from the rows the SQL returned, before authorisation thins them out (GetInstancesInternal):
  // a user's page may come back short, or empty, and still have `next`.
  let next: string | undefined;
  if (rows.length === q.size) {
    const last = rows.at(-1);
    next = requestLink(ctx, urlEncode(last ? `${msToTicks(last.lastChangedMs)};${last.seq}` : '0;-1'));
  }
  const shown = owner ? rows : rows.filter((rec) => canAccess(p, rec.wire, false));
  const instances = shown.map((rec) => storageQueryInstanceJson(rec, q.includeDataElements));
  return storageQueryResponsePieces(instances, requestLink(ctx, selfToken), next);
}

export function registerStorageQuery(router: Router): void {
  router.get('/storage/api/v1/instances', queryInstances);
}

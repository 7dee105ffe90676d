// Events API: GET /events/api/v1/app/{org}/{app} (docs/altinn-behaviour.md §4). Org tokens only; `after` or `from`
// required; `size` default 50; paging through the `next` response header, sent only for a non-empty page.
import { requireOrg } from '../auth';
import { problem, sendJson } from '../http';
import type { Ctx, Router } from '../router';
import type { CloudEvent } from '../types';

function likeToRegex(pattern: string): RegExp {
  const src = pattern.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.')).join('.*');
  return new RegExp(`^${src}$`, 'i');
}

function timeParam(ctx: Ctx, name: string): number | undefined {
  const v = ctx.query.get(name);
  if (v === null) return undefined;
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(v)) throw problem(400, 'Bad Request', `The '${name}' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z`);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw problem(400, 'Bad Request', `The '${name}' parameter is not a valid date`);
  return ms;
}

function appEvents(ctx: Ctx): void {
  const p = requireOrg(ctx);
  const q = ctx.query;
  const after = q.get('after');
  const from = timeParam(ctx, 'from');
  const to = timeParam(ctx, 'to');
  if (!after && from === undefined) throw problem(400, 'Bad Request', 'From or after must be defined.');
  const sizeText = q.get('size');
  const size = sizeText === null ? 50 : Number(sizeText);
  if (!Number.isInteger(size) || size < 1) throw problem(400, 'Bad Request', 'Size must be a number larger that 0.');
  const party = q.get('party');
  const unit = q.get('unit');
  const person = ctx.req.headers.person;
  if (party && (unit || person)) throw problem(400, 'Bad Request', 'Only one of \'party\', \'unit\' or \'person\' can be defined.');
  const types = q.getAll('type').map(likeToRegex);

  const appId = `${ctx.params.org}/${ctx.params.app}`;
  // Results are authorised after the query: another org's app simply yields nothing.
  const all = ctx.params.org === p.org ? ctx.svc.store.events.get(appId) ?? [] : [];
  let start = 0;
  if (after) {
    // getappevents.sql: an unknown `after` id counts as sequence 0, i.e. from the start (so `after=0` works).
    start = all.findIndex((e) => e.id === after) + 1;
  }
  const page: CloudEvent[] = [];
  for (let i = start; i < all.length && page.length < size; i++) {
    const e = all[i];
    const t = Date.parse(e.time);
    if (from !== undefined && t < from) continue;
    if (to !== undefined && t > to) continue;
    if (party && e.subject !== `/party/${party}`) continue;
    if (unit && e.alternativesubject !== `/org/${unit}`) continue;
    if (typeof person === 'string' && e.alternativesubject !== `/person/${person}`) continue;
    if (types.length > 0 && !types.some((r) => r.test(e.type))) continue;
    page.push(e);
  }
  const headers: Record<string, string> = {};
  if (page.length > 0) {
    const nq = new URLSearchParams(q);
    nq.delete('from');
    nq.set('after', page[page.length - 1].id);
    headers.next = `${ctx.svc.baseUrl}${ctx.path}?${nq.toString()}`;
  }
  sendJson(ctx.res, 200, page, headers);
}

export function registerEvents(router: Router): void {
  router.get('/events/api/v1/app/:org/:app', appEvents);
}

// Events API: GET /events/api/v1/app/{org}/{app} (docs/altinn-behaviour.md §4). Org tokens only; `after` or `from`
// required; `size` default 50; paging through the `next` response header, sent only for a non-empty page.
import { requireOrg } from '../auth';
import { problem, sendJson } from '../http';
import { validationProblem } from '../model-binding';
import type { Ctx, Router } from '../router';
import type { CloudEvent } from '../types';

function likeToRegex(pattern: string): RegExp {
  const src = pattern.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.')).join('.*');
  return new RegExp(`^${src}$`, 'i');
}

/** Events' rule texts, as `Problem(message, null, 400)` writes them (ProblemDetailsFactory adds type and title). */
function invalid(detail: string) {
  return problem(400, 'Bad Request', detail, { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1' });
}

interface EventQuery { after: string | null; from?: { ms: number; zoned: boolean }; to?: { ms: number; zoned: boolean }; party: number; size: number }

/**
 * `[FromQuery] DateTime? from, to`, `int party`, `int size = 50` under [ApiController]: a value that does not bind is the
 * automatic ValidationProblemDetails, before the action (and so before its "Only orgs" check).
 */
function bindEventQuery(q: URLSearchParams): EventQuery {
  const errors: Record<string, string[]> = {};
  const bad = (name: string, v: string) => (errors[name] = [`The value '${v}' is not valid.`]);
  const time = (name: string) => {
    const v = q.get(name);
    if (v === null || v === '') return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) return void bad(name, v);
    return { ms, zoned: /(Z|[+-]\d{2}:?\d{2})$/i.test(v.trim()) };
  };
  const int = (name: string, dflt: number) => {
    const v = q.get(name);
    if (v === null || v === '') return dflt;
    if (!/^\s*[+-]?\d+\s*$/.test(v) || Math.abs(Number(v)) > 2147483647) return (bad(name, v), dflt);
    return Number(v);
  };
  const bound = { after: q.get('after'), from: time('from'), to: time('to'), party: int('party', 0), size: int('size', 50) };
  if (Object.keys(errors).length > 0) throw validationProblem(errors);
  return bound;
}

/** AppController.ValidateQueryParams, in its order and words. */
function validateEventQuery(b: EventQuery, unit: string | null, person: string | undefined): void {
  if (!b.after && b.from === undefined) throw invalid("The 'From' or 'After' parameter must be defined.");
  if (b.from && !b.from.zoned) throw invalid("The 'From' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC");
  if (b.to && !b.to.zoned) throw invalid("The 'To' parameter must specify timezone. E.g. 2022-07-07T11:00:53.3917Z for UTC");
  if (b.size < 1) throw invalid("The 'Size' parameter must be a number larger that 0.");
  if (person && b.party > 0) throw invalid("Only one of 'Party' or 'Person' can be defined.");
  if (unit && b.party > 0) throw invalid("Only one of 'Party' or 'Unit' can be defined.");
  if (unit && !/^\d{9}$/.test(unit)) throw invalid("Value of 'Unit' needs to be exactly 9 digits.");
}

/** Altinn/altinn-events src/Events/Controllers/AppController.cs GetForOrg, ValidateQueryParams (docs/altinn-behaviour.md §4). */
function appEvents(ctx: Ctx): void {
  const q = ctx.query;
  const b = bindEventQuery(q);
  const p = requireOrg(ctx);
  const unit = q.get('unit') || null;
  const personHeader = ctx.req.headers.person;
  const person = typeof personHeader === 'string' && personHeader !== '' ? personHeader : undefined;
  validateEventQuery(b, unit, person);
  const { after, size, party } = b;
  const from = b.from?.ms;
  const to = b.to?.ms;
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
    if (party > 0 && e.subject !== `/party/${party}`) continue;
    if (unit && e.alternativesubject !== `/org/${unit}`) continue;
    if (person && e.alternativesubject !== `/person/${person}`) continue;
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

import { type ApiContext, type CallOptions } from './context';
import { AltinnApiError, AltinnInputError } from './errors';
import { type AppId, isValidOrganisationNumber, isValidPersonNumber, parsePartyId, toAppId } from './ids';
import type { CloudEvent } from './models';
import { joinUrl, redactUrl } from './urls';

export interface AppEventsQuery {
  /** Event id to continue after; either this or `from` is required. */
  after?: string;
  from?: string | Date;
  to?: string | Date;
  party?: number | string;
  /** Organisation number of the subject. */
  unit?: string;
  /** National identity number of the subject; sent as the `person` header, not in the URL. */
  person?: string;
  /** Event types; `%` works as a wildcard. */
  type?: readonly string[];
  /** Page size; Altinn's default is 50. */
  size?: number;
}

export interface EventsPage {
  events: CloudEvent[];
  /** The query for the next page, from the `next` response header; absent when there is none. */
  next?: AppEventsQuery;
}

function timestamp(value: string | Date, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new AltinnInputError({ code: 'invalidNamedTime', args: [what, JSON.stringify(String(value))] });
  // docs/altinn-behaviour.md §4: `from`/`to` must carry a time zone.
  return date.toISOString();
}

function encode(query: AppEventsQuery, strict: boolean): { params: URLSearchParams; headers: Record<string, string> } {
  if (query.after === undefined && query.from === undefined) {
    throw new AltinnInputError({ code: 'readingAppEventsNeedsA' });
  }
  const params = new URLSearchParams();
  const headers: Record<string, string> = {};
  if (query.after !== undefined) {
    if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(query.after)) throw new AltinnInputError({ code: 'invalidEventId', args: [JSON.stringify(query.after)] });
    params.set('after', query.after);
  }
  if (query.from !== undefined) params.set('from', timestamp(query.from, 'from'));
  if (query.to !== undefined) params.set('to', timestamp(query.to, 'to'));
  if (query.party !== undefined) {
    if (query.unit !== undefined || query.person !== undefined) throw new AltinnInputError({ code: 'giveOneSubjectPartyUnit' });
    params.set('party', String(parsePartyId(query.party)));
  }
  if (query.unit !== undefined) {
    if (!/^\d{9}$/.test(query.unit) || (strict && !isValidOrganisationNumber(query.unit))) throw new AltinnInputError({ code: 'invalidUnitExpectedA9' });
    params.set('unit', query.unit);
  }
  if (query.person !== undefined) {
    if (!/^\d{11}$/.test(query.person) || (strict && !isValidPersonNumber(query.person))) throw new AltinnInputError({ code: 'invalidPersonExpectedAn11' });
    headers.person = query.person;
  }
  for (const t of query.type ?? []) {
    if (!/^[A-Za-z0-9_.%*-]{1,200}$/.test(t)) throw new AltinnInputError({ code: 'invalidEventType', args: [JSON.stringify(t)] });
    params.append('type', t);
  }
  if (query.size !== undefined) {
    if (!Number.isInteger(query.size) || query.size < 1 || query.size > 10_000) throw new AltinnInputError({ code: 'invalidPageSizeExpected1', args: [query.size] });
    params.set('size', String(query.size));
  }
  return { params, headers };
}

/** Events API: an app's CloudEvents (service owners only), paged through the `next` header. */
export class EventsApi {
  constructor(private readonly ctx: ApiContext) {}

  async app(appId: AppId | string, query: AppEventsQuery, opts: CallOptions = {}): Promise<EventsPage> {
    const { org, app } = toAppId(appId);
    const { params, headers } = encode(query, !this.ctx.environment.usesTestData);
    const url = joinUrl(this.ctx.environment.eventsUrl, 'app', org, app);
    const response = await this.ctx.http.request({ url, query: params, headers, accept: 'application/cloudevents+json, application/json', signal: opts.signal });
    const text = response.body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : [];
    } catch {
      parsed = undefined; // not JSON at all: reported just below, like any other non-list
    }
    if (!Array.isArray(parsed)) {
      throw new AltinnApiError({ kind: 'http', method: 'GET', url: redactUrl(url), status: response.status, text: 'The events API did not return a list' });
    }
    const events = parsed as CloudEvent[];
    const nextHeader = response.headers['next'];
    const nextUrl = Array.isArray(nextHeader) ? nextHeader[0] : nextHeader;
    const page: EventsPage = { events };
    const next = nextUrl && events.length > 0 ? this.nextQuery(nextUrl, query) : undefined;
    if (next) page.next = next;
    return page;
  }

  /** Every event from the starting point until a page comes back empty. */
  async *iterateApp(appId: AppId | string, query: AppEventsQuery, opts: CallOptions = {}): AsyncGenerator<CloudEvent> {
    let current: AppEventsQuery | undefined = query;
    while (current) {
      const page: EventsPage = await this.app(appId, current, opts);
      yield* page.events;
      current = page.next;
    }
  }

  /** Altinn builds `next` with its own host (docs/altinn-behaviour.md §4); only its query is used. */
  private nextQuery(next: string, previous: AppEventsQuery): AppEventsQuery | undefined {
    let params: URLSearchParams;
    try {
      params = new URL(next, this.ctx.environment.eventsUrl).searchParams;
    } catch {
      return undefined;
    }
    const after = params.get('after') ?? undefined;
    // A `next` that does not move on would page forever.
    if (!after || after === previous.after) return undefined;
    const types = params.getAll('type');
    return {
      after,
      from: undefined,
      to: params.get('to') ?? previous.to,
      party: params.get('party') ?? previous.party,
      unit: params.get('unit') ?? previous.unit,
      person: previous.person,
      type: types.length > 0 ? types : previous.type,
      size: params.get('size') ? Number(params.get('size')) : previous.size,
    };
  }
}

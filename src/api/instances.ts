import { type ApiContext, appInstanceUrl, appUrl, type CallOptions, type InstanceIdLike, instanceIdOf, storageInstanceUrl } from './context';
import { AltinnApiError, AltinnInputError } from './errors';
import { type AppId, type InstanceRef, parseGuid, parsePartyId } from './ids';
import { type CreateInstanceOptions, createInstance, createInstanceWithPrefill, type CreateWithPrefillOptions } from './instance-create';
import { encodeInstanceFilter, type InstanceFilter } from './instance-query';
import type { AppInstance, Instance, InstanceEvent, QueryResponse, ReadStatus, SimpleInstance, StorageInstance, Substatus, ValidationIssue } from './models';
import { dropNulls, normalizeInstance, normalizeQueryResponse } from './normalize';
import { joinUrl, redactUrl } from './urls';

export type ReadStatusInput = ReadStatus | 'read' | 'unread' | 'updatedSinceLastReview';

export interface InstanceEventsFilter {
  eventTypes?: readonly string[];
  /** Storage applies the time window only when both ends are given. */
  from?: string | Date;
  to?: string | Date;
}

export interface ValidateOptions extends CallOptions {
  ignoredValidators?: readonly string[];
  onlyIncrementalValidators?: boolean;
  language?: string;
}

const READ_STATUS_PARAM: Record<string, string> = {
  read: 'read',
  unread: 'unread',
  updatedsincelastreview: 'updatedSinceLastReview',
};

function isoDate(value: string | Date, what: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new AltinnInputError({ code: 'invalidNamedDate', args: [what, JSON.stringify(String(value))] });
  return date.toISOString();
}

/** Instances: query (Storage), single-instance reads and changes (App API and Storage). */
export class InstancesApi {
  constructor(private readonly ctx: ApiContext) {}

  /** One page of Storage's instance query. */
  async query(filter: InstanceFilter, opts: CallOptions = {}): Promise<QueryResponse> {
    const { params, headers } = encodeInstanceFilter(filter, !this.ctx.environment.usesTestData);
    return this.fetchPage(`${this.ctx.environment.storageUrl}/instances`, params, headers, opts);
  }

  /** Every page, following `next` until Storage stops giving one. */
  async *pages(filter: InstanceFilter, opts: CallOptions = {}): AsyncGenerator<QueryResponse> {
    const { params, headers } = encodeInstanceFilter(filter, !this.ctx.environment.usesTestData);
    const base = `${this.ctx.environment.storageUrl}/instances`;
    let current = params;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.fetchPage(base, current, headers, opts);
      yield page;
      if (!page.next) return;
      const next = this.nextParams(page.next);
      const token = next.get('continuationToken') ?? '';
      if (seen.has(token)) {
        throw new AltinnApiError({ kind: 'http', method: 'GET', url: redactUrl(page.next), status: 200, text: 'Storage returned the same continuation token twice; stopped paging' });
      }
      seen.add(token);
      current = next;
    }
  }

  /**
   * Every matching instance, page by page, each once. Storage continues newest-first paging with a
   * condition that repeats instances sharing a lastChanged across a page boundary (and can skip some of
   * them; oldest-first, `order: 'asc'`, pages exactly).
   * Altinn/altinn-storage src/Storage/Migration/FunctionsAndProcedures/readinstancefromquery.sql (docs/altinn-behaviour.md §2.1)
   */
  async *iterate(filter: InstanceFilter, opts: CallOptions = {}): AsyncGenerator<Instance> {
    const seen = new Set<string>();
    for await (const page of this.pages(filter, opts)) {
      for (const instance of page.instances) {
        if (seen.has(instance.id)) continue;
        seen.add(instance.id);
        yield instance;
      }
    }
  }

  /** Storage's copy (no app id needed; does not mark the instance read). */
  async get(id: InstanceIdLike, opts: CallOptions = {}): Promise<Instance> {
    const wire = await this.ctx.http.json<StorageInstance>({ url: storageInstanceUrl(this.ctx, id), signal: opts.signal });
    return normalizeInstance(wire);
  }

  /**
   * Storage's copy read by the guid alone, for any caller who may read the instance; localtest has no such route
   * (404). Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs GetByGuid (docs/altinn-behaviour.md §2.2)
   */
  async getByGuid(guid: string, opts: CallOptions = {}): Promise<Instance> {
    const url = joinUrl(this.ctx.environment.storageUrl, 'instances', parseGuid(guid, 'instance guid'));
    return normalizeInstance(await this.ctx.http.json<StorageInstance>({ url, signal: opts.signal }));
  }

  create(appId: AppId | string, options: CreateInstanceOptions, opts: CallOptions = {}): Promise<Instance> {
    return createInstance(this.ctx, appId, options, opts);
  }

  createWithPrefill(appId: AppId | string, options: CreateWithPrefillOptions, opts: CallOptions = {}): Promise<Instance> {
    return createInstanceWithPrefill(this.ctx, appId, options, opts);
  }

  /** Soft delete (recycle bin) unless `hard`. */
  async delete(ref: InstanceRef, options: { hard?: boolean } = {}, opts: CallOptions = {}): Promise<Instance> {
    const url = appInstanceUrl(this.ctx, ref);
    const wire = await this.ctx.http.json<AppInstance>({ method: 'DELETE', url, query: { hard: options.hard ? 'true' : undefined }, signal: opts.signal });
    return normalizeInstance(wire);
  }

  /**
   * Brings a soft-deleted instance back (the Altinn inbox's restore, under the delete policy). Storage answers
   * `true` also when the instance was not deleted, and 404 when it was deleted permanently; the restored instance is read back.
   * Altinn/altinn-storage src/Storage/Controllers/MessageboxInstancesController.cs Undelete (docs/altinn-behaviour.md §2.2)
   */
  async restore(id: InstanceIdLike, opts: CallOptions = {}): Promise<Instance> {
    const target = instanceIdOf(id);
    const url = joinUrl(this.ctx.environment.storageUrl, 'sbl', 'instances', target.partyId, target.guid, 'undelete');
    await this.ctx.http.json<boolean>({ method: 'PUT', url, signal: opts.signal });
    return this.get(id, opts);
  }

  /** The app owner's confirmation that it has everything it needs. */
  async complete(ref: InstanceRef, opts: CallOptions = {}): Promise<Instance> {
    const wire = await this.ctx.http.json<AppInstance>({ method: 'POST', url: appInstanceUrl(this.ctx, ref, 'complete'), signal: opts.signal });
    return normalizeInstance(wire);
  }

  async setSubstatus(ref: InstanceRef, substatus: Substatus, opts: CallOptions = {}): Promise<Instance> {
    if (!substatus || typeof substatus.label !== 'string' || substatus.label.trim() === '') {
      throw new AltinnInputError({ code: 'aSubstatusNeedsALabel' });
    }
    const body: Substatus = { label: substatus.label, ...(substatus.description !== undefined ? { description: substatus.description } : {}) };
    const wire = await this.ctx.http.json<AppInstance>({ method: 'PUT', url: appInstanceUrl(this.ctx, ref, 'substatus'), json: body, signal: opts.signal });
    return normalizeInstance(wire);
  }

  /** Storage `PUT readstatus?status=` (no App API endpoint exists for it). */
  async setReadStatus(id: InstanceIdLike, status: ReadStatusInput, opts: CallOptions = {}): Promise<Instance> {
    const param = typeof status === 'string' ? READ_STATUS_PARAM[status.toLowerCase()] : undefined;
    if (!param) throw new AltinnInputError({ code: 'invalidReadStatusExpectedRead', args: [JSON.stringify(status)] });
    const wire = await this.ctx.http.json<StorageInstance>({ method: 'PUT', url: storageInstanceUrl(this.ctx, id, 'readstatus'), query: { status: param }, signal: opts.signal });
    return normalizeInstance(wire);
  }

  /** The party's active (not archived, not deleted) instances of one app. */
  async active(appId: AppId | string, partyId: number | string, opts: CallOptions = {}): Promise<SimpleInstance[]> {
    const url = appUrl(this.ctx, appId, 'instances', parsePartyId(partyId), 'active');
    const body = await this.ctx.http.json<SimpleInstance[]>({ url, signal: opts.signal });
    return Array.isArray(body) ? body.map((s) => dropNulls(s)) : [];
  }

  async validate(ref: InstanceRef, opts: ValidateOptions = {}): Promise<ValidationIssue[]> {
    const url = appInstanceUrl(this.ctx, ref, 'validate');
    const query = {
      ignoredValidators: opts.ignoredValidators?.length ? opts.ignoredValidators.join(',') : undefined,
      onlyIncrementalValidators: opts.onlyIncrementalValidators,
      language: opts.language,
    };
    const body = await this.ctx.http.json<ValidationIssue[]>({ url, query, signal: opts.signal });
    return Array.isArray(body) ? body.map((i) => dropNulls(i)) : [];
  }

  /** Storage's instance event log. */
  async events(id: InstanceIdLike, filter: InstanceEventsFilter = {}, opts: CallOptions = {}): Promise<InstanceEvent[]> {
    const query = {
      eventTypes: filter.eventTypes?.map((t) => {
        if (!/^[A-Za-z0-9_.-]{1,100}$/.test(t)) throw new AltinnInputError({ code: 'invalidEventType', args: [JSON.stringify(t)] });
        return t;
      }),
      from: filter.from === undefined ? undefined : isoDate(filter.from, 'from'),
      to: filter.to === undefined ? undefined : isoDate(filter.to, 'to'),
    };
    const body = await this.ctx.http.json<{ instanceEvents?: InstanceEvent[] }>({ url: storageInstanceUrl(this.ctx, id, 'events'), query, signal: opts.signal });
    return (body?.instanceEvents ?? []).map((e) => dropNulls(e));
  }

  private async fetchPage(url: string, params: URLSearchParams, headers: Record<string, string>, opts: CallOptions): Promise<QueryResponse> {
    const body = await this.ctx.http.json<QueryResponse>({ url, query: params, headers, signal: opts.signal });
    return normalizeQueryResponse(body ?? { count: 0, instances: [] });
  }

  /**
   * Storage builds `next` with its own host name (docs/altinn-behaviour.md §2.1), which may not be the host
   * configured here (gateways, localtest). Only its query is taken, and re-aimed at our base.
   */
  private nextParams(next: string): URLSearchParams {
    let url: URL;
    try {
      url = new URL(next, `${this.ctx.environment.storageUrl}/instances`);
    } catch {
      throw new AltinnApiError({ kind: 'http', method: 'GET', url: this.ctx.environment.storageUrl, status: 200, text: 'Storage returned an unreadable next link' });
    }
    if (!/\/instances\/?$/.test(url.pathname) || !url.searchParams.get('continuationToken')) {
      throw new AltinnApiError({ kind: 'http', method: 'GET', url: redactUrl(url.toString()), status: 200, text: 'Storage returned a next link that is not an instance query' });
    }
    return url.searchParams;
  }
}

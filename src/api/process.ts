import { type ApiContext, appInstanceUrl, type CallOptions } from './context';
import { AltinnInputError } from './errors';
import type { InstanceRef } from './ids';
import type { AppProcessState, ProcessHistory } from './models';
import { dropNulls } from './normalize';

export interface ProcessNextOptions extends CallOptions {
  /** e.g. `sign`, `reject`, `confirm`; without it the task type decides (docs/altinn-behaviour.md §1.4). */
  action?: string;
  actionOnBehalfOf?: string;
  language?: string;
}

const NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The instance's process: read it, start it, move it on, read its history. */
export class ProcessApi {
  constructor(private readonly ctx: ApiContext) {}

  async get(ref: InstanceRef, opts: CallOptions = {}): Promise<AppProcessState> {
    return dropNulls(await this.ctx.http.json<AppProcessState>({ url: appInstanceUrl(this.ctx, ref, 'process'), signal: opts.signal }));
  }

  async start(ref: InstanceRef, opts: CallOptions & { startEvent?: string } = {}): Promise<AppProcessState> {
    if (opts.startEvent !== undefined && !NAME_PATTERN.test(opts.startEvent)) {
      throw new AltinnInputError({ code: 'invalidStartEvent', args: [JSON.stringify(opts.startEvent)] });
    }
    const url = appInstanceUrl(this.ctx, ref, 'process', 'start');
    return dropNulls(await this.ctx.http.json<AppProcessState>({ method: 'POST', url, query: { startEvent: opts.startEvent }, signal: opts.signal }));
  }

  /**
   * `PUT process/next`. Never retried: after a 5xx the instance may already have moved. A
   * validation failure is an AltinnApiError (409) carrying `validationIssues`.
   */
  async next(ref: InstanceRef, opts: ProcessNextOptions = {}): Promise<AppProcessState> {
    if (opts.action !== undefined && !NAME_PATTERN.test(opts.action)) throw new AltinnInputError({ code: 'invalidProcessAction', args: [JSON.stringify(opts.action)] });
    if (opts.language !== undefined && !/^[a-z]{2}$/.test(opts.language)) throw new AltinnInputError({ code: 'invalidLanguage', args: [JSON.stringify(opts.language)] });
    const url = appInstanceUrl(this.ctx, ref, 'process', 'next');
    const body: Record<string, string> = {};
    if (opts.action !== undefined) body.action = opts.action;
    if (opts.actionOnBehalfOf !== undefined) body.actionOnBehalfOf = opts.actionOnBehalfOf;
    const state = await this.ctx.http.json<AppProcessState>({
      method: 'PUT',
      url,
      query: { language: opts.language },
      json: Object.keys(body).length > 0 ? body : undefined,
      signal: opts.signal,
    });
    return dropNulls(state);
  }

  async history(ref: InstanceRef, opts: CallOptions = {}): Promise<ProcessHistory> {
    const body = await this.ctx.http.json<ProcessHistory>({ url: appInstanceUrl(this.ctx, ref, 'process', 'history'), signal: opts.signal });
    return { processHistory: (body?.processHistory ?? []).map((h) => dropNulls(h)) };
  }
}

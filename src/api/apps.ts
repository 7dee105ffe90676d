import { type ApiContext, appUrl, type CallOptions } from './context';
import { AltinnInputError } from './errors';
import { type AppId, parseOrg, parsePartyId, toAppId } from './ids';
import type { Application, ApplicationMetadata, Party, TextResources } from './models';
import { dropNulls } from './normalize';
import { joinUrl } from './urls';

/** Applications, their metadata, process definitions and texts; parties a user may represent. */
export class AppsApi {
  constructor(private readonly ctx: ApiContext) {}

  /** All applications in Storage, or one organisation's (anonymous in Altinn). */
  async list(org?: string, opts: CallOptions = {}): Promise<Application[]> {
    const url = org === undefined
      ? joinUrl(this.ctx.environment.storageUrl, 'applications')
      : joinUrl(this.ctx.environment.storageUrl, 'applications', parseOrg(org));
    const body = await this.ctx.http.json<{ applications?: Application[] }>({ url, signal: opts.signal });
    return (body?.applications ?? []).map((a) => dropNulls(a));
  }

  /** Storage's application document. */
  async get(appId: AppId | string, opts: CallOptions = {}): Promise<Application> {
    const { org, app } = toAppId(appId);
    const url = joinUrl(this.ctx.environment.storageUrl, 'applications', org, app);
    return dropNulls(await this.ctx.http.json<Application>({ url, signal: opts.signal }));
  }

  /** The app's own `applicationmetadata` (Storage's document plus app-only fields). */
  async metadata(appId: AppId | string, opts: CallOptions = {}): Promise<ApplicationMetadata> {
    const url = appUrl(this.ctx, appId, 'api', 'v1', 'applicationmetadata');
    return dropNulls(await this.ctx.http.json<ApplicationMetadata>({ url, signal: opts.signal }));
  }

  /** BPMN XML (altinn-api.md §1.1: `api/v1/meta/process`, not the outdated `/process`). */
  async processDefinition(appId: AppId | string, opts: CallOptions = {}): Promise<string> {
    const url = appUrl(this.ctx, appId, 'api', 'v1', 'meta', 'process');
    return this.ctx.http.text({ url, accept: 'application/xml, text/xml', signal: opts.signal });
  }

  async texts(appId: AppId | string, language: string, opts: CallOptions = {}): Promise<TextResources> {
    if (!/^[a-z]{2}$/.test(language)) {
      throw new AltinnInputError(`Invalid language ${JSON.stringify(language)}: expected a code like "nb", "nn" or "en".`);
    }
    const url = appUrl(this.ctx, appId, 'api', 'v1', 'texts', language);
    return this.ctx.http.json<TextResources>({ url, signal: opts.signal });
  }

  /** Parties the user may represent (`/authorization/api/v1/parties?userId=`). */
  async parties(userId: number | string, opts: CallOptions = {}): Promise<Party[]> {
    const id = parsePartyId(userId);
    const url = joinUrl(this.ctx.environment.authorizationUrl, 'parties');
    const body = await this.ctx.http.json<Party[]>({ url, query: { userId: id }, signal: opts.signal });
    return Array.isArray(body) ? body.map((p) => dropNulls(p)) : [];
  }
}

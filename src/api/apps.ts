import { type ApiContext, appUrl, type CallOptions } from './context';
import { AltinnInputError } from './errors';
import { type AppId, parseOrg, toAppId } from './ids';
import type { Application, ApplicationMetadata, Party, TextResources } from './models';
import { dropNulls } from './normalize';
import { joinUrl } from './urls';


/** A party the user may act for, from the App API's party list with sub-units lifted out of `childParties`. */
export interface RepresentedParty extends Omit<Party, 'childParties' | 'onlyHierarchyElementWithNoAccess'> {
  /** Set on a sub-unit: the main unit it was listed under. */
  mainUnit?: { partyId: number; name?: string };
}

export interface PartiesOptions extends CallOptions {
  /** Only parties that may instantiate this app (its `partyTypesAllowed`). */
  allowedToInstantiate?: boolean;
}

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

  /** BPMN XML (docs/altinn-behaviour.md §1.1: `api/v1/meta/process`, not the outdated `/process`). */
  async processDefinition(appId: AppId | string, opts: CallOptions = {}): Promise<string> {
    const url = appUrl(this.ctx, appId, 'api', 'v1', 'meta', 'process');
    return this.ctx.http.text({ url, accept: 'application/xml, text/xml', signal: opts.signal });
  }

  async texts(appId: AppId | string, language: string, opts: CallOptions = {}): Promise<TextResources> {
    if (!/^[a-z]{2}$/.test(language)) {
      throw new AltinnInputError({ code: 'invalidLanguageExpectedACode', args: [JSON.stringify(language)] });
    }
    const url = appUrl(this.ctx, appId, 'api', 'v1', 'texts', language);
    return this.ctx.http.json<TextResources>({ url, signal: opts.signal });
  }

  /**
   * The parties the signed-in user may act for, asked of one app: the App API's public `api/v1/parties`
   * (docs/altinn-behaviour.md §3; Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/PartiesController.cs Get).
   * Authorization's own `/authorization/api/v1/parties` is platform-internal (Altinn/altinn-authorization
   * src/Authorization/Controllers/PartiesController.cs; not routed by localtest). For a service owner the app
   * answers with the owner's own party. Sub-units are flattened after their main unit; a main unit listed only
   * to hold sub-units (`onlyHierarchyElementWithNoAccess`) is left out. No parties is an empty list.
   */
  async parties(appId: AppId | string, opts: PartiesOptions = {}): Promise<RepresentedParty[]> {
    const url = appUrl(this.ctx, appId, 'api', 'v1', 'parties');
    const query = { allowedToInstantiateFilter: opts.allowedToInstantiate ? 'true' : 'false' };
    const body = await this.ctx.http.json<Party[] | null>({ url, query, signal: opts.signal });
    return flattenParties(Array.isArray(body) ? body : []);
  }
}

function flattenParties(list: Party[]): RepresentedParty[] {
  const out = new Map<number, RepresentedParty>();
  const add = (party: Party, mainUnit?: Party) => {
    const { childParties, onlyHierarchyElementWithNoAccess, ...rest } = dropNulls(party);
    if (!onlyHierarchyElementWithNoAccess && typeof rest.partyId === 'number' && !out.has(rest.partyId)) {
      out.set(rest.partyId, mainUnit ? { ...rest, mainUnit: { partyId: mainUnit.partyId, name: mainUnit.name ?? undefined } } : rest);
    }
    for (const child of childParties ?? []) add(child, party);
  };
  for (const party of list) add(party);
  return [...out.values()];
}

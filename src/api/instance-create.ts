// Instantiation through the App API (docs/altinn-behaviour.md §1.2): a JSON template, a multipart request with
// initial data parts, or `instances/create` with prefill.
import { type ApiContext, appUrl, type CallOptions } from './context';
import { checkFilename } from './content-disposition';
import { AltinnInputError } from './errors';
import { type AppId, formatInstanceId, isValidOrganisationNumber, isValidPersonNumber, parsePartyId, toInstanceId, type InstanceId } from './ids';
import type { AppInstance, Instance } from './models';
import { normalizeInstance } from './normalize';

export type InstanceOwnerInput = { partyId: number | string } | { personNumber: string } | { organisationNumber: string };

export interface InitialDataPart {
  /** Part name: must be a data type id of the app. */
  dataType: string;
  body: Buffer | string;
  contentType: string;
  filename?: string;
}

export interface CreateInstanceOptions {
  owner: InstanceOwnerInput;
  dueBefore?: string | Date;
  visibleAfter?: string | Date;
  /** Sent as a multipart request with the template as the `instance` part. */
  parts?: InitialDataPart[];
  language?: string;
}

export interface CreateWithPrefillOptions {
  owner: InstanceOwnerInput;
  /**
   * Field path → value, as text: Altinn binds `prefill` as `Dictionary<string,string>` and answers 400 for a
   * number or boolean (Altinn/app-lib-dotnet src/Altinn.App.Api/Models/InstansiationInstance.cs).
   */
  prefill?: Record<string, string>;
  dueBefore?: string | Date;
  visibleAfter?: string | Date;
  /** Copy from an archived instance of the same owner (the app must allow it). */
  sourceInstanceId?: InstanceId | string;
  language?: string;
}

interface TemplateOwner {
  partyId?: string;
  personNumber?: string;
  organisationNumber?: string;
}

function ownerOf(owner: InstanceOwnerInput, strict: boolean): TemplateOwner {
  if (!owner || typeof owner !== 'object') throw new AltinnInputError({ code: 'creatingAnInstanceNeedsAn' });
  if ('partyId' in owner) return { partyId: String(parsePartyId(owner.partyId)) };
  if ('personNumber' in owner) {
    const pn = String(owner.personNumber).trim();
    if (!/^\d{11}$/.test(pn)) throw new AltinnInputError({ code: 'invalidPersonNumberDigits' });
    if (strict && !isValidPersonNumber(pn)) throw new AltinnInputError({ code: 'invalidPersonNumberTheCheck' });
    return { personNumber: pn };
  }
  if ('organisationNumber' in owner) {
    const on = String(owner.organisationNumber).trim();
    if (!/^\d{9}$/.test(on)) throw new AltinnInputError({ code: 'invalidOrganisationNumberDigits', args: [JSON.stringify(on)] });
    if (strict && !isValidOrganisationNumber(on)) throw new AltinnInputError({ code: 'invalidOrganisationNumberTheCheck', args: [on] });
    return { organisationNumber: on };
  }
  throw new AltinnInputError({ code: 'creatingAnInstanceNeedsAn' });
}

function utc(value: string | Date | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new AltinnInputError({ code: 'invalidNamedDate', args: [what, JSON.stringify(String(value))] });
  return date.toISOString();
}

function language(value: string | undefined): string | undefined {
  if (value !== undefined && !/^[a-z]{2}$/.test(value)) throw new AltinnInputError({ code: 'invalidLanguage', args: [JSON.stringify(value)] });
  return value;
}

const DATA_TYPE_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

export async function createInstance(ctx: ApiContext, appId: AppId | string, options: CreateInstanceOptions, opts: CallOptions): Promise<Instance> {
  const url = appUrl(ctx, appId, 'instances');
  // The owner always goes in the template, never in `?instanceOwnerPartyId=`: a non-empty JSON body is the
  // template, and a template without `instanceOwner` is a 400 even when the query names the party
  // (docs/altinn-behaviour.md §1.2; Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs
  // Post, ExtractInstanceTemplate, v8.0.0+).
  const template: Record<string, unknown> = { instanceOwner: ownerOf(options.owner, !ctx.environment.usesTestData) };
  const query: Record<string, string | undefined> = { language: language(options.language) };
  const dueBefore = utc(options.dueBefore, 'due');
  const visibleAfter = utc(options.visibleAfter, 'visible-after');
  if (dueBefore) template.dueBefore = dueBefore;
  if (visibleAfter) template.visibleAfter = visibleAfter;

  let wire: AppInstance;
  if (options.parts && options.parts.length > 0) {
    const form = new FormData();
    form.append('instance', new Blob([JSON.stringify(template)], { type: 'application/json' }), 'instance.json');
    for (const part of options.parts) {
      if (!DATA_TYPE_PATTERN.test(part.dataType) || part.dataType === 'instance' || part.dataType === 'notification') {
        throw new AltinnInputError({ code: 'invalidDataTypeForAn', args: [JSON.stringify(part.dataType)] });
      }
      if (!part.contentType || !/^[\w.+-]+\/[\w.+-]+/.test(part.contentType)) {
        throw new AltinnInputError({ code: 'thePartNeedsAContent', args: [part.dataType] });
      }
      const filename = checkFilename(part.filename ?? `${part.dataType}${extensionFor(part.contentType)}`);
      const bytes = typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : part.body;
      form.append(part.dataType, new Blob([bytes], { type: part.contentType }), filename);
    }
    wire = await ctx.http.json<AppInstance>({ method: 'POST', url, query, body: form, signal: opts.signal });
  } else {
    wire = await ctx.http.json<AppInstance>({ method: 'POST', url, query, json: template, signal: opts.signal });
  }
  return normalizeInstance(wire);
}

export async function createInstanceWithPrefill(
  ctx: ApiContext,
  appId: AppId | string,
  options: CreateWithPrefillOptions,
  opts: CallOptions,
): Promise<Instance> {
  const url = appUrl(ctx, appId, 'instances', 'create');
  const body: Record<string, unknown> = { instanceOwner: ownerOf(options.owner, !ctx.environment.usesTestData) };
  const dueBefore = utc(options.dueBefore, 'due');
  const visibleAfter = utc(options.visibleAfter, 'visible-after');
  if (dueBefore) body.dueBefore = dueBefore;
  if (visibleAfter) body.visibleAfter = visibleAfter;
  if (options.prefill) body.prefill = prefillOf(options.prefill);
  if (options.sourceInstanceId !== undefined) body.sourceInstanceId = formatInstanceId(toInstanceId(options.sourceInstanceId));
  const wire = await ctx.http.json<AppInstance>({ method: 'POST', url, query: { language: language(options.language) }, json: body, signal: opts.signal });
  return normalizeInstance(wire);
}

function prefillOf(prefill: unknown): Record<string, string> {
  if (typeof prefill !== 'object' || prefill === null || Array.isArray(prefill)) {
    throw new AltinnInputError({ code: 'prefillMustBeAnObject' });
  }
  for (const [field, value] of Object.entries(prefill)) {
    if (typeof value !== 'string') {
      throw new AltinnInputError({ code: 'thePrefillValueOfMust', args: [field, value === null ? 'null' : typeof value] });
    }
  }
  return prefill as Record<string, string>;
}

function extensionFor(contentType: string): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.endsWith('/xml')) return '.xml';
  if (type.endsWith('/json')) return '.json';
  if (type === 'application/pdf') return '.pdf';
  if (type === 'image/png') return '.png';
  if (type === 'image/jpeg') return '.jpg';
  return '.bin';
}

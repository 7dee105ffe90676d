import { Readable } from 'node:stream';
import { checkFilename, contentDisposition } from './content-disposition';
import { type ApiContext, appInstanceUrl, appUrl, type CallOptions, type InstanceIdLike, storageInstanceUrl } from './context';
import {
  type DataStream,
  type DownloadInfo,
  type DownloadOptions,
  type DownloadResult,
  type DownloadToOptions,
  downloadBuffer,
  downloadToFile,
  openDataStream,
} from './download';
import type { ApplicationMetadata } from './app-models';
import { AltinnApiError, AltinnInputError } from './errors';
import { type InstanceRef, parseGuid, resolveInstanceRef } from './ids';
import type { DataDeleteResponse, DataElement, DataPostResponse, Instance, ValidationIssue } from './models';
import { dropNulls, normalizeInstance } from './normalize';
import { binaryContentType, dataTypeOf, firstUploadRoute, formDataContentType, isFormData } from './upload-plan';

export interface UploadOptions extends CallOptions {
  filename: string;
  /**
   * Defaults to what Altinn accepts for the data type: application/json or application/xml for form data
   * (by the file's extension), the type Altinn maps from the extension for binary data. An unknown
   * extension to a data type with allowedContentTypes throws UnknownFileTypeError: ask, then pass one.
   */
  contentType?: string;
  /** The app's applicationmetadata, if the caller has it; otherwise it is fetched. */
  metadata?: ApplicationMetadata;
  /** Bytes; sent as Content-Length for streamed bodies (Altinn checks maxSize against it). */
  size?: number;
  ignoredValidators?: readonly string[];
  language?: string;
}

export interface UploadResult {
  dataElement: DataElement;
  instance?: Instance;
  validationIssues: ValidationIssue[];
}

export interface ReplaceOptions extends CallOptions {
  /** Required for binary data types (Altinn answers 400 without Content-Disposition). */
  filename?: string;
  contentType: string;
  size?: number;
}

export type DataBody = Buffer | string | Readable;
/** A stream body is read once; a function that opens it again lets an upload be sent to the older route. */
export type UploadBody = DataBody | (() => DataBody);

const DATA_TYPE_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

function checkContentType(contentType: string): void {
  if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType)) throw new AltinnInputError({ code: 'invalidContentType', args: [JSON.stringify(contentType)] });
}

function bodyHeaders(contentType: string, filename: string | undefined, body: DataBody, size: number | undefined): Record<string, string> {
  checkContentType(contentType);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (filename !== undefined) headers['content-disposition'] = contentDisposition(filename);
  if (body instanceof Readable && size !== undefined) {
    if (!Number.isSafeInteger(size) || size < 0) throw new AltinnInputError({ code: 'invalidSize', args: [size] });
    headers['content-length'] = String(size);
  }
  return headers;
}

function checkBody(body: DataBody): void {
  if (!(Buffer.isBuffer(body) || typeof body === 'string' || body instanceof Readable)) {
    throw new AltinnInputError({ code: 'uploadBodyMustBeA' });
  }
  if ((Buffer.isBuffer(body) || typeof body === 'string') && body.length === 0) {
    throw new AltinnInputError({ code: 'theFileIsEmptyAltinn' });
  }
}

/** 405, or a 404 that is not the endpoint's own ProblemDetails: the route does not exist in this app. */
function isMissingRoute(error: unknown): boolean {
  if (!(error instanceof AltinnApiError) || error.kind !== 'http') return false;
  return error.status === 405 || (error.status === 404 && error.problem === undefined);
}

/** Data elements of an instance: list, download, upload, replace, delete. */
export class DataApi {
  constructor(private readonly ctx: ApiContext) {}

  /** Storage `dataelements` (no app id needed). */
  async list(id: InstanceIdLike, opts: CallOptions = {}): Promise<DataElement[]> {
    const body = await this.ctx.http.json<{ dataElements?: DataElement[] }>({ url: storageInstanceUrl(this.ctx, id, 'dataelements'), signal: opts.signal });
    return (body?.dataElements ?? []).map((d) => dropNulls(d));
  }

  /** Into memory; refuses bodies larger than `maxBytes` (64 MiB by default). */
  download(ref: InstanceRef, dataId: string, opts: DownloadOptions = {}): Promise<Buffer & DownloadInfo> {
    return downloadBuffer(this.ctx, ref, dataId, opts);
  }

  /** Streams to `<filePath>.part`, then renames; removes the .part on failure or cancellation. */
  downloadTo(ref: InstanceRef, dataId: string, filePath: string, opts: DownloadToOptions = {}): Promise<DownloadResult> {
    return downloadToFile(this.ctx, ref, dataId, filePath, opts);
  }

  /** The body as a stream, once the response headers have arrived. */
  stream(ref: InstanceRef, dataId: string, opts: DownloadToOptions = {}): Promise<DataStream> {
    return openDataStream(this.ctx, ref, dataId, opts);
  }

  /** Form data as a parsed JSON object, or as XML text. */
  async getFormData(ref: InstanceRef, dataId: string, format: 'json', opts?: CallOptions): Promise<unknown>;
  async getFormData(ref: InstanceRef, dataId: string, format: 'xml', opts?: CallOptions): Promise<string>;
  async getFormData(ref: InstanceRef, dataId: string, format: 'json' | 'xml', opts: CallOptions = {}): Promise<unknown> {
    const url = appInstanceUrl(this.ctx, ref, 'data', parseGuid(dataId, 'data element id'));
    if (format === 'json') return this.ctx.http.json({ url, accept: 'application/json', signal: opts.signal });
    return this.ctx.http.text({ url, accept: 'application/xml', signal: opts.signal });
  }

  /**
   * Adds a data element. The route follows the app's app-lib version: `POST data/{dataType}` (200
   * DataPostResponse) from v8.5.0, `POST data?dataType=` (201 DataElement) before; when the newer route
   * does not exist (404 without ProblemDetails, or 405) the request was refused before any change, so it
   * is sent once more to the older one (docs/altinn-behaviour.md §1.3). Nothing else is retried.
   */
  async upload(ref: InstanceRef, dataType: string, body: UploadBody, opts: UploadOptions): Promise<UploadResult> {
    if (!DATA_TYPE_PATTERN.test(dataType)) throw new AltinnInputError({ code: 'invalidDataType', args: [JSON.stringify(dataType)] });
    if (!opts || typeof opts.filename !== 'string') throw new AltinnInputError({ code: 'anUploadNeedsAFile' });
    checkFilename(opts.filename);
    if (opts.contentType !== undefined) checkContentType(opts.contentType);
    const open = typeof body === 'function' ? body : () => body;
    if (typeof body !== 'function') checkBody(body);
    const metadata = opts.metadata ?? (await this.appMetadata(ref, opts.signal));
    const type = dataTypeOf(metadata, dataType);
    const contentType = isFormData(type)
      ? formDataContentType(opts.filename, opts.contentType)
      : binaryContentType(type, opts.filename, opts.contentType);
    const route = firstUploadRoute(metadata.altinnNugetVersion);
    const first = open();
    checkBody(first);
    const headers = bodyHeaders(contentType, opts.filename, first, opts.size);
    try {
      return route === 'byType'
        ? await this.postByType(ref, dataType, first, headers, opts)
        : await this.postLegacy(ref, dataType, first, headers, opts);
    } catch (error) {
      // A refusal can come before the body is read: close the file it came from.
      if (first instanceof Readable) first.destroy();
      if (route !== 'byType' || !isMissingRoute(error)) throw error;
      if (typeof body !== 'function' && body instanceof Readable) {
        throw new AltinnInputError({ code: 'thisAppHasOnlyThe' });
      }
      const again = open();
      checkBody(again);
      return this.postLegacy(ref, dataType, again, bodyHeaders(contentType, opts.filename, again, opts.size), opts);
    }
  }

  private async appMetadata(ref: InstanceRef, signal: AbortSignal | undefined): Promise<ApplicationMetadata> {
    const url = appUrl(this.ctx, resolveInstanceRef(ref).appId, 'api', 'v1', 'applicationmetadata');
    return dropNulls(await this.ctx.http.json<ApplicationMetadata>({ url, signal }));
  }

  /** `POST data/{dataType}` (app-lib v8.5.0+): 200 DataPostResponse. */
  private async postByType(ref: InstanceRef, dataType: string, body: DataBody, headers: Record<string, string>, opts: UploadOptions): Promise<UploadResult> {
    const url = appInstanceUrl(this.ctx, ref, 'data', dataType);
    const query = { ignoredValidators: opts.ignoredValidators?.length ? opts.ignoredValidators.join(',') : undefined, language: opts.language };
    const response = await this.ctx.http.json<DataPostResponse>({ method: 'POST', url, query, headers, body, signal: opts.signal });
    const instance = response.instance ? normalizeInstance(response.instance) : undefined;
    const element = instance?.data?.find((d) => d.id === response.newDataElementId);
    const issues = (response.validationIssues ?? []).flatMap((group) => group.issues ?? []).map((i) => dropNulls(i));
    return {
      dataElement: element ?? { id: response.newDataElementId, dataType },
      instance,
      validationIssues: issues,
    };
  }

  /** `POST data?dataType=` (every app-lib version; obsolete from v8.5.0): 201 DataElement. */
  private async postLegacy(ref: InstanceRef, dataType: string, body: DataBody, headers: Record<string, string>, opts: UploadOptions): Promise<UploadResult> {
    const url = appInstanceUrl(this.ctx, ref, 'data');
    const element = await this.ctx.http.json<DataElement>({ method: 'POST', url, query: { dataType }, headers, body, signal: opts.signal });
    return { dataElement: dropNulls(element), validationIssues: [] };
  }

  /** `PUT data/{dataGuid}`: 201 DataElement, or 200 with `changedFields` when data processors changed values. */
  async replace(ref: InstanceRef, dataId: string, body: DataBody, opts: ReplaceOptions): Promise<DataElement> {
    checkBody(body);
    if (!opts || typeof opts.contentType !== 'string') throw new AltinnInputError({ code: 'replacingDataNeedsAContent' });
    const headers = bodyHeaders(opts.contentType, opts.filename, body, opts.size);
    const url = appInstanceUrl(this.ctx, ref, 'data', parseGuid(dataId, 'data element id'));
    const element = await this.ctx.http.json<DataElement>({ method: 'PUT', url, headers, body, signal: opts.signal });
    return dropNulls(element);
  }

  async delete(ref: InstanceRef, dataId: string, opts: CallOptions = {}): Promise<DataDeleteResponse> {
    const url = appInstanceUrl(this.ctx, ref, 'data', parseGuid(dataId, 'data element id'));
    const response = await this.ctx.http.json<DataDeleteResponse>({ method: 'DELETE', url, signal: opts.signal });
    return {
      instance: response?.instance ? normalizeInstance(response.instance) : undefined,
      validationIssues: response?.validationIssues,
    };
  }
}

import { Readable } from 'node:stream';
import { contentDisposition, contentTypeFor } from './content-disposition';
import { type ApiContext, appInstanceUrl, type CallOptions, type InstanceIdLike, storageInstanceUrl } from './context';
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
import { AltinnInputError } from './errors';
import { type InstanceRef, parseGuid } from './ids';
import type { DataDeleteResponse, DataElement, DataPostResponse, Instance, ValidationIssue } from './models';
import { dropNulls, normalizeInstance } from './normalize';

export interface UploadOptions extends CallOptions {
  filename: string;
  /** Defaults to the type Altinn maps from the file extension. */
  contentType?: string;
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

const DATA_TYPE_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

function bodyHeaders(contentType: string, filename: string | undefined, body: DataBody, size: number | undefined): Record<string, string> {
  if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType)) throw new AltinnInputError(`Invalid content type ${JSON.stringify(contentType)}.`);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (filename !== undefined) headers['content-disposition'] = contentDisposition(filename);
  if (body instanceof Readable && size !== undefined) {
    if (!Number.isSafeInteger(size) || size < 0) throw new AltinnInputError(`Invalid size ${size}.`);
    headers['content-length'] = String(size);
  }
  return headers;
}

function checkBody(body: DataBody): void {
  if (!(Buffer.isBuffer(body) || typeof body === 'string' || body instanceof Readable)) {
    throw new AltinnInputError('Upload body must be a Buffer, a string or a readable stream.');
  }
  if ((Buffer.isBuffer(body) || typeof body === 'string') && body.length === 0) {
    throw new AltinnInputError('The file is empty: Altinn refuses empty data elements.');
  }
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

  /** `POST data/{dataType}` (answers 200 DataPostResponse, altinn-api.md §1.3). */
  async upload(ref: InstanceRef, dataType: string, body: DataBody, opts: UploadOptions): Promise<UploadResult> {
    if (!DATA_TYPE_PATTERN.test(dataType)) throw new AltinnInputError(`Invalid data type ${JSON.stringify(dataType)}.`);
    checkBody(body);
    if (!opts || typeof opts.filename !== 'string') throw new AltinnInputError('An upload needs a file name.');
    const contentType = opts.contentType ?? contentTypeFor(opts.filename);
    const headers = bodyHeaders(contentType, opts.filename, body, opts.size);
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

  /** `PUT data/{dataGuid}`: 201 DataElement, or 200 with `changedFields` when data processors changed values. */
  async replace(ref: InstanceRef, dataId: string, body: DataBody, opts: ReplaceOptions): Promise<DataElement> {
    checkBody(body);
    if (!opts || typeof opts.contentType !== 'string') throw new AltinnInputError('Replacing data needs a content type.');
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

// Public entry of the Altinn API module. Imports nothing from `vscode`.
export * from './apps';
export * from './auth';
export * from './client';
export { contentDisposition, contentTypeFor, filenameFromContentDisposition, checkFilename } from './content-disposition';
export { knownExtensions, mimeTypeForExtension } from './mime-types';
export { binaryContentType, firstUploadRoute, formDataContentType, UnknownFileTypeError, type UploadRoute } from './upload-plan';
export type { CallOptions, InstanceIdLike } from './context';
export * from './data';
export { PDF_RECEIPT_DATA_TYPE } from './data-types';
export type { DataStream, DownloadInfo, DownloadOptions, DownloadResult, DownloadToOptions } from './download';
export * from './environments';
export * from './errors';
export { bundleTranslator, english, formatMessage, renderCoded, type CodedMessage, type Translate } from './messages';
export * from './events';
export { DEFAULT_USER_AGENT, type HttpMethod, type RequestLog, type TokenProvider, type TokenRequest } from './http';
export * from './ids';
export type { CreateInstanceOptions, CreateWithPrefillOptions, InitialDataPart, InstanceOwnerInput } from './instance-create';
export { encodeInstanceFilter, type DateFilter, type DateOperator, type InstanceFilter, type InstanceOwnerIdentifier } from './instance-query';
export * from './instances';
// Not a method of InstancesApi, so the extension's bundle (which never lists this way) leaves it out.
export { listInWindows, type ListOptions } from './windowed-listing';
export * from './jwt';
export { createMaskinportenAssertion, maskinportenAudience, type AssertionOptions, type MaskinportenClientKey } from './maskinporten';
export type * from './models';
export { normalizeInstance, normalizeReadStatus, normalizeQueryResponse } from './normalize';
export * from './process';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { redactUrl, isLoopbackHost, isLocaltestHost } from './urls';

import type { DataElement, DataType } from '../api';
import { bareContentType, extensionForContentType, isImageFileName, safeFileName } from './filenames';

// Imports nothing from vscode: how a data element opens is decided from its metadata alone.

export type FormDataFormat = 'xml' | 'json';

/** Above this an element is never loaded into an editor; it is offered as a streamed download. */
export const MAX_OPEN_BYTES = 50 * 1024 * 1024;

export type OpenMode =
  | { kind: 'formData'; format: FormDataFormat }
  | { kind: 'text' }
  | { kind: 'image' }
  | { kind: 'download'; reason: 'binary' | 'tooLarge' };

// The tree needs it too, and may not import src/fs: it lives in src/api.
export { PDF_RECEIPT_DATA_TYPE } from '../api';

const TEXT_CONTENT_TYPES = new Set(['application/json', 'application/xml', 'text/xml', 'text/plain', 'text/csv']);

/** Form data is a data type with `appLogic.classRef` (docs/altinn-behaviour.md §1.3). */
export function isFormDataType(dataType: DataType | undefined): boolean {
  return !!dataType?.appLogic?.classRef;
}

export function openMode(element: DataElement, dataType: DataType | undefined, format: FormDataFormat): OpenMode {
  if ((element.size ?? 0) > MAX_OPEN_BYTES) {
    return { kind: 'download', reason: 'tooLarge' };
  }
  if (isFormDataType(dataType)) {
    return { kind: 'formData', format };
  }
  const type = bareContentType(element.contentType);
  if (type.startsWith('image/') || isImageFileName(element.filename ?? '')) {
    return { kind: 'image' };
  }
  if (TEXT_CONTENT_TYPES.has(type)) {
    return { kind: 'text' };
  }
  return { kind: 'download', reason: 'binary' };
}

/**
 * The last segment of the editor URI. Its extension picks the language mode (and the image preview),
 * so form data gets `.xml`/`.json` from the chosen format whatever Storage calls the blob.
 */
export function editorFileName(element: DataElement, mode: OpenMode): string {
  const fallbackStem = `${element.dataType}-${element.id.slice(0, 8)}`;
  if (mode.kind === 'formData') {
    return `${safeFileName(element.dataType, 'data')}.${mode.format}`;
  }
  const name = safeFileName(element.filename, fallbackStem + extensionForContentType(element.contentType));
  if (!/\.[^.]+$/.test(name)) {
    return name + extensionForContentType(element.contentType);
  }
  return name;
}

/** The file name a download is saved under (not yet made unique in its folder). */
export function downloadFileName(element: DataElement, dataType: DataType | undefined): string {
  const ext = extensionForContentType(element.contentType) || (isFormDataType(dataType) ? '.xml' : '.bin');
  return safeFileName(element.filename, `${safeFileName(element.dataType, 'data')}-${element.id.slice(0, 8)}${ext}`);
}

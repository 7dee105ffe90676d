import { type ApplicationMetadata, contentTypeFor, type DataType, english, type Instance, type Translate } from '../api';
import { isFormDataType, PDF_RECEIPT_DATA_TYPE } from './classify';
import { bareContentType } from './filenames';
import { FS_RULE_MESSAGES, type RuleMessage } from './ruleMessages';

// Imports nothing from vscode: problems are returned as codes and rendered at the edge (ruleText.ts).

const OCTET_STREAM = 'application/octet-stream';

/** A local file about to be uploaded. */
export interface UploadFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** What Altinn maps from the extension (docs/altinn-behaviour.md §1.3 rule 4), or the type the user chose. */
  readonly contentType: string;
  /** False when the extension says nothing (the type is application/octet-stream). */
  readonly knownType: boolean;
}

/** Attachment types a user can upload to: binary (no `classRef`), not the generated PDF receipt. */
export function uploadableDataTypes(metadata: ApplicationMetadata): DataType[] {
  return metadata.dataTypes.filter((t) => !isFormDataType(t) && t.id !== PDF_RECEIPT_DATA_TYPE);
}

/** A data type's allowed types and limits, for a picker, in the language of `translate`. */
export function describeDataType(type: DataType, translate: Translate = english): string {
  const parts: string[] = [];
  if (type.allowedContentTypes?.length) {
    parts.push(type.allowedContentTypes.join(', '));
  }
  if (type.maxSize) {
    parts.push(translate(FS_RULE_MESSAGES.maxMegabytes, type.maxSize));
  }
  if (type.maxCount) {
    parts.push(translate(FS_RULE_MESSAGES.maxFiles, type.maxCount));
  }
  return parts.join(' · ');
}

export function uploadFile(filePath: string, name: string, size: number): UploadFile {
  const contentType = contentTypeFor(name);
  return { path: filePath, name, size, contentType, knownType: contentType !== OCTET_STREAM };
}

/**
 * The types the user may choose from for a file whose extension says nothing, or none when no question is
 * needed: Altinn compares the request's Content-Type with allowedContentTypes unless these are empty or hold
 * application/octet-stream (docs/altinn-behaviour.md §1.3; Altinn/app-lib-dotnet
 * src/Altinn.App.Api/Helpers/RequestHandling/DataRestrictionValidation.cs).
 */
export function contentTypeChoices(type: DataType, file: UploadFile): string[] {
  const allowed = type.allowedContentTypes ?? [];
  if (file.knownType || allowed.length === 0 || allowed.includes(OCTET_STREAM)) return [];
  return [...allowed];
}

/**
 * Everything Altinn would refuse, found before a byte is sent (docs/altinn-behaviour.md §1.3, upload rules and
 * access rules). Returns one coded message per problem; empty means the upload may be sent.
 */
export function uploadProblems(type: DataType, instance: Instance, files: readonly UploadFile[]): RuleMessage[] {
  const problems: RuleMessage[] = [];
  if (instance.status?.isSoftDeleted || instance.status?.isHardDeleted) {
    problems.push({ code: 'uploadInstanceDeleted' });
  } else if (instance.status?.isArchived || instance.process?.ended) {
    problems.push({ code: 'uploadInstanceArchived' });
  }
  const allowed = (type.allowedContentTypes ?? []).map(bareContentType);
  const anyType = allowed.length === 0 || allowed.includes('application/octet-stream');
  const maxBytes = type.maxSize ? type.maxSize * 1024 * 1024 : undefined;
  for (const file of files) {
    if (!/\.[^.\s]+$/.test(file.name)) {
      problems.push({ code: 'noExtension', args: [file.name] });
    }
    if (!anyType && !allowed.includes(bareContentType(file.contentType))) {
      problems.push({ code: 'typeNotAllowed', args: [file.name, file.contentType, type.id, allowed.join(', ')] });
    }
    if (file.size === 0) {
      problems.push({ code: 'emptyFile', args: [file.name] });
    }
    if (maxBytes !== undefined && file.size > maxBytes) {
      problems.push({ code: 'tooLarge', args: [file.name, (file.size / 1024 / 1024).toFixed(1), type.maxSize ?? 0, type.id] });
    }
  }
  const existing = (instance.data ?? []).filter((d) => d.dataType === type.id).length;
  if (type.maxCount && type.maxCount > 0 && existing + files.length > type.maxCount) {
    problems.push({ code: 'tooMany', args: [type.id, type.maxCount, existing, files.length] });
  }
  return problems;
}

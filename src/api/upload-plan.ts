// What an upload sends, decided from the app's metadata before a byte goes out (docs/altinn-behaviour.md §1.3):
// the route its app-lib version has, and the Content-Type Altinn will accept for the data type.
import type { ApplicationMetadata, DataType } from './app-models';
import { contentTypeFor } from './content-disposition';
import { AltinnInputError } from './errors';

/** The two upload endpoints: `POST data/{dataType}` (app-lib v8.5.0+) and the older `POST data?dataType=`. */
export type UploadRoute = 'byType' | 'legacy';

const OCTET_STREAM = 'application/octet-stream';

/**
 * The route to try first. `POST {inst}/data/{dataType}` exists from app-lib v8.5.0; older apps answer it
 * with 404 (Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs, tags v8.3.8 and v8.5.0).
 * App-lib 7 does not report its version, so an unknown version tries the newer route first.
 */
export function firstUploadRoute(altinnNugetVersion: string | undefined): UploadRoute {
  const m = /^(\d+)\.(\d+)/.exec(altinnNugetVersion ?? '');
  if (!m) return 'byType';
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 8 || (major === 8 && minor >= 5) ? 'byType' : 'legacy';
}

/** A binary upload whose type Altinn cannot tell from the file's extension, to a data type that restricts types. */
export class UnknownFileTypeError extends AltinnInputError {
  constructor(
    readonly filename: string,
    readonly dataType: string,
    /** The data type's allowedContentTypes: the caller may ask the user to pick one. */
    readonly allowed: readonly string[],
  ) {
    super({ code: 'unknownFileType', args: [filename, dataType, allowed.join(', ')] });
  }
}

export function dataTypeOf(metadata: ApplicationMetadata, dataType: string): DataType {
  const type = metadata.dataTypes?.find((t) => t.id === dataType);
  if (!type) {
    const known = (metadata.dataTypes ?? []).map((t) => t.id).join(', ');
    const app = metadata.id ?? { word: 'theApp' as const };
    throw new AltinnInputError(known ? { code: 'noDataTypeKnown', args: [app, dataType, known] } : { code: 'noDataType', args: [app, dataType] });
  }
  return type;
}

export function isFormData(type: DataType | undefined): boolean {
  return !!type?.appLogic?.classRef;
}

/**
 * Form data is read by the type named in Content-Type: it must contain application/xml or application/json;
 * anything else, text/xml included, is refused (415) whatever the file is called
 * (Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/Serialization/ModelSerializationService.cs DeserializeSingleFromStream).
 */
export function formDataContentType(filename: string | undefined, requested: string | undefined): string {
  if (requested !== undefined) {
    if (!/application\/(xml|json)/.test(requested)) {
      throw new AltinnInputError({ code: 'formDataMustBeSent', args: [requested] });
    }
    return requested;
  }
  return /\.json$/i.test(filename ?? '') ? 'application/json' : 'application/xml';
}

/**
 * A binary upload's Content-Type: the caller's, or the type the extension maps to. Altinn compares it with
 * the extension's type and then with allowedContentTypes, unless these hold application/octet-stream
 * (Altinn/app-lib-dotnet src/Altinn.App.Api/Helpers/RequestHandling/DataRestrictionValidation.cs), so an
 * unknown extension can only go as octet-stream, which a restricted type refuses: the caller must choose.
 */
export function binaryContentType(type: DataType, filename: string, requested: string | undefined): string {
  if (requested !== undefined) return requested;
  const mapped = contentTypeFor(filename);
  const allowed = type.allowedContentTypes ?? [];
  if (mapped === OCTET_STREAM && allowed.length > 0 && !allowed.includes(OCTET_STREAM)) {
    throw new UnknownFileTypeError(filename, type.id, allowed);
  }
  return mapped;
}

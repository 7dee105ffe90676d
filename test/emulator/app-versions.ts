// The App API an app serves depends on the app-lib version it is built with, which the app reports as
// `altinnNugetVersion` in its applicationmetadata (docs/altinn-behaviour.md §1, §1.3). The emulator
// serves each seed app the routes and error shapes of its version.
import { APPS, type AppDef, CURRENT_APP_LIB } from './apps';

export type AppLibFeature =
  /** Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs Post, `[HttpPost("{dataType}")]` (v8.5.0+). */
  | 'dataPostByType'
  /** DataController.cs Post `[HttpPost("type/{dataType}")]`, Get/Put `{dataGuid:guid}/type/{dataType}` (v8.6.0+). */
  | 'dataTypeAlias'
  /** DataController.cs Create through PostImpl, ModelSerializationService for form data (v8.5.0+). */
  | 'unitOfWorkData'
  /** DataController.cs PatchFormDataMultiple, `PATCH {inst}/data` (v8.5.0+). */
  | 'dataPatchMultiple'
  /** Helpers/RequestHandling/DataRestrictionValidation.cs TryGetFileNameFromHeader (v8.8.0+). */
  | 'tryParseFilename'
  /** DataRestrictionValidation.cs "must contain a valid filename" (v8.9.0+). */
  | 'validFilenameWording'
  /** Controllers/PartiesController.cs Get: `PartySsnMasking.MaskParties` (v8.12.5+). */
  | 'partySsnMasking';

const SINCE: Record<AppLibFeature, [number, number, number]> = {
  dataPostByType: [8, 5, 0],
  dataTypeAlias: [8, 6, 0],
  unitOfWorkData: [8, 5, 0],
  dataPatchMultiple: [8, 5, 0],
  tryParseFilename: [8, 8, 0],
  validFilenameWording: [8, 9, 0],
  partySsnMasking: [8, 12, 5],
};

/** `8.3.8.0` → [8, 3, 8]; anything unreadable counts as current. */
function parseVersion(version: string | undefined): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? CURRENT_APP_LIB) ?? /^(\d+)\.(\d+)\.(\d+)/.exec(CURRENT_APP_LIB);
  const [, a, b, c] = m as RegExpExecArray;
  return [Number(a), Number(b), Number(c)];
}

export function hasFeature(app: Pick<AppDef, 'altinnNugetVersion'>, feature: AppLibFeature): boolean {
  const have = parseVersion(app.altinnNugetVersion);
  const need = SINCE[feature];
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i] > need[i];
  return true;
}

/**
 * A route condition for the router: the app named by the path's `:org/:app` has the feature. A route an
 * app's version lacks does not exist there, so the request gets ASP.NET's 404 (or 405) like any unknown path.
 * The version is seed data (never overridden), so the static seed is enough here.
 */
export function whenAppHas(feature: AppLibFeature): (params: Record<string, string>) => boolean {
  return (params) => {
    const app = APPS.find((a) => a.org === params.org?.toLowerCase() && a.app === params.app?.toLowerCase());
    return app === undefined || hasFeature(app, feature);
  };
}

// `PATCH {inst}/data`: JSON Patch on one or more form data elements (docs/altinn-behaviour.md §1.3;
// sample BasicAppTests.Full_auth=User_testCase=SimplifiedNoPrefill_2_PatchFormData.verified.txt).
import { modelOf } from '../apps';
import { actorId } from '../auth';
import { addInstanceEvent, isActive, readForm, saveForm } from '../domain';
import { formToJson, parseFormJson, type FormValues } from '../formdata';
import { emptyError, frameworkProblem, isRecord, problem, readJson, sendJson, textError } from '../http';
import { validateInstance } from '../process-engine';
import type { Ctx, Router } from '../router';
import type { DataElement } from '../types';
import { appInstance as appInstanceJson } from '../wire-app';
import { appInstance, INSTANCE, instanceNotActive } from './app-common';
import { hasFeature, whenAppHas } from '../app-versions';
import { GUID_RE } from '../util';

type Model = Record<string, unknown>;

function field(path: unknown): string {
  if (typeof path !== 'string' || !/^\/[^/]+$/.test(path)) throw problem(422, 'Patch Operation Failed', `Unsupported path ${String(path)}`);
  return path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** RFC 6902 on a flat model: add/replace/remove/test/copy/move of top-level members. */
function applyOperations(model: Model, operations: unknown): Model {
  if (!Array.isArray(operations)) throw frameworkProblem(400, 'One or more validation errors occurred.');
  const out = { ...model };
  for (const raw of operations) {
    const op = isRecord(raw) ? raw : {};
    const target = field(op.path);
    switch (op.op) {
      case 'add':
      case 'replace':
        out[target] = op.value ?? null;
        break;
      case 'remove':
        out[target] = null;
        break;
      case 'test':
        if (JSON.stringify(out[target] ?? null) !== JSON.stringify(op.value ?? null)) {
          throw problem(409, 'Precondition in patch failed', `Test of ${String(op.path)} failed`);
        }
        break;
      case 'copy':
      case 'move': {
        const from = field(op.from);
        out[target] = out[from] ?? null;
        if (op.op === 'move') out[from] = null;
        break;
      }
      default:
        throw problem(422, 'Patch Operation Failed', `Unknown operation ${String(op.op)}`);
    }
  }
  return out;
}

/**
 * The instance as Storage gave it to the app: platform self links only. PatchFormDataMultiple returns the
 * mutator's instance without SelfLinkHelper.SetInstanceAppSelfLinks, which the upload answer does get
 * (Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs; docs/altinn-behaviour.md §1.3).
 */
function withoutAppLinks(instance: Record<string, unknown>): Record<string, unknown> {
  const unlink = (o: unknown): void => {
    if (isRecord(o) && isRecord(o.selfLinks)) o.selfLinks.apps = null;
  };
  unlink(instance);
  if (Array.isArray(instance.data)) instance.data.forEach(unlink);
  return instance;
}

interface PatchOutcome {
  /** Validation issues grouped by source, in first-seen order. */
  bySource: Array<[string, unknown[]]>;
  newDataModels: Array<{ dataElementId: string; data: Record<string, unknown> }>;
  instance: Record<string, unknown>;
}

/**
 * PatchFormDataMultiple's steps: every named element is looked up first (404 "Data Element Not Found"), then
 * the instance must be active, then each JSON Patch is applied and the instance validated. Altinn/app-lib-dotnet
 * src/Altinn.App.Api/Controllers/DataController.cs PatchFormDataMultiple, GetInstanceDataOrError (docs/altinn-behaviour.md §1.3)
 */
async function applyPatches(ctx: Ctx, patches: Array<{ dataElementId: unknown; patch: unknown }>): Promise<PatchOutcome> {
  const { app, rec, p } = appInstance(ctx, true);
  const elements = patches.map((e) => {
    const guid = String(e.dataElementId ?? '').toLowerCase();
    const el = rec.wire.data.find((d) => d.id === guid);
    if (!el) throw problem(404, 'Data Element Not Found', `Did not find data element ${guid} on instance ${rec.wire.id}`);
    return el;
  });
  if (!isActive(rec.wire)) throw instanceNotActive(rec.wire.id);
  const updates: Array<{ el: DataElement; values: FormValues }> = [];
  patches.forEach((e, i) => {
    const el = elements[i];
    const model = modelOf(app, el.dataType);
    if (!model) throw problem(400, 'Bad Request', `Data element ${el.id} is not form data`);
    if (el.locked) throw frameworkProblem(409, 'Conflict');
    // The patch is a JSON Patch document, an array of operations: JsonPatch.Net's converter reads and writes
    // it so (sample BasicAppTests.Full_auth=User_testCase=SimplifiedNoPrefill_2_PatchFormData.verified.txt:
    // its Content-Length, 250, is that of `"patch":[…]`). docs/altinn-behaviour.md §1.3
    const patched = applyOperations(formToJson(model, readForm(ctx.svc.store, model, el.id)), e.patch);
    updates.push({ el, values: parseFormJson(model, JSON.stringify(patched)) });
  });
  const actor = actorId(p);
  ctx.svc.store.touch(rec, actor, (w, now) => {
    for (const u of updates) {
      saveForm(ctx.svc.store, app, w, u.el, u.values, now, actor);
      addInstanceEvent(rec, 'Saved', p, now, u.el.id);
    }
  });
  const bySource = new Map<string, unknown[]>();
  for (const issue of validateInstance(ctx.svc.store, app, rec)) {
    bySource.set(issue.source, [...(bySource.get(issue.source) ?? []), issue]);
  }
  return {
    bySource: [...bySource],
    newDataModels: updates.map((u) => ({ dataElementId: u.el.id, data: formToJson(modelOf(app, u.el.dataType)!, u.values) })),
    instance: withoutAppLinks(appInstanceJson(rec.wire, false)),
  };
}

async function patchData(ctx: Ctx): Promise<void> {
  const body = await readJson(ctx.req);
  if (!isRecord(body) || !Array.isArray(body.patches)) throw frameworkProblem(400, 'One or more validation errors occurred.');
  const out = await applyPatches(ctx, body.patches.map((e: unknown) => (isRecord(e) ? { dataElementId: e.dataElementId, patch: e.patch } : { dataElementId: undefined, patch: undefined })));
  sendJson(ctx.res, 200, {
    validationIssues: out.bySource.map(([source, issues]) => ({ source, issues })),
    newDataModels: out.newDataModels,
    instance: out.instance,
  });
}

/**
 * `PATCH {inst}/data/{dataGuid}` (obsolete, every app-lib 8 release): one element's `{patch, ignoredValidators}`,
 * answered as DataPatchResponse `{validationIssues: {source: issues}, newDataModel, instance}`.
 * Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/DataController.cs PatchFormData, Models/DataPatchResponse.cs
 */
async function patchOne(ctx: Ctx): Promise<void> {
  const body = await readJson(ctx.req);
  if (!isRecord(body) || !Array.isArray(body.patch)) throw frameworkProblem(400, 'One or more validation errors occurred.');
  const { app, rec } = appInstance(ctx, true);
  const old = !hasFeature(app, 'unitOfWorkData');
  if (old) {
    // v8.3.8 PatchFormData: the instance first (409 text), First() for the element (a 500), a text 400 for binaries.
    if (!isActive(rec.wire)) throw textError(409, `Cannot update data element of archived or deleted instance ${rec.wire.id}`);
    const el = rec.wire.data.find((d) => d.id === ctx.params.dataGuid.toLowerCase());
    if (!el) throw emptyError(500);
    if (!modelOf(app, el.dataType)) throw textError(400, `Could not determine if data type ${el.dataType} requires application logic.`);
  }
  const out = await applyPatches(ctx, [{ dataElementId: ctx.params.dataGuid, patch: body.patch }]);
  const answer: Record<string, unknown> = { validationIssues: Object.fromEntries(out.bySource), newDataModel: out.newDataModels[0].data };
  // DataPatchResponse has the instance from v8.5.0 on (Models/DataPatchResponse.cs at tags v8.3.8 and v8.5.0).
  if (!old) answer.instance = out.instance;
  sendJson(ctx.res, 200, answer);
}

export function registerAppPatch(router: Router): void {
  // DataController.cs PatchFormDataMultiple `[HttpPatch("")]` exists from v8.5.0 (Altinn/app-lib-dotnet tags).
  router.patch(`${INSTANCE}/data`, patchData, { app: true, when: whenAppHas('dataPatchMultiple') });
  // PatchFormData `[HttpPatch("{dataGuid:guid}")]`: in every app-lib 8 release (tags v8.0.0 … v8.12.7).
  router.patch(`${INSTANCE}/data/:dataGuid`, patchOne, { app: true, when: (params) => GUID_RE.test(params.dataGuid) });
}

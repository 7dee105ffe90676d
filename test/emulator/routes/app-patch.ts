// `PATCH {inst}/data`: JSON Patch on one or more form data elements (docs/altinn-behaviour.md §1.3;
// sample BasicAppTests.Full_auth=User_testCase=SimplifiedNoPrefill_2_PatchFormData.verified.txt).
import { modelOf } from '../apps';
import { actorId } from '../auth';
import { addInstanceEvent, isActive, readForm, saveForm } from '../domain';
import { formToJson, parseFormJson, type FormValues } from '../formdata';
import { frameworkProblem, isRecord, problem, readJson, sendJson } from '../http';
import { validateInstance } from '../process-engine';
import type { Ctx, Router } from '../router';
import type { DataElement } from '../types';
import { appInstance as appInstanceJson } from '../wire-app';
import { appInstance, INSTANCE, instanceNotActive } from './app-common';
import { whenAppHas } from '../app-versions';

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

async function patchData(ctx: Ctx): Promise<void> {
  const { app, rec, p } = appInstance(ctx, true);
  const body = await readJson(ctx.req);
  if (!isRecord(body) || !Array.isArray(body.patches)) throw frameworkProblem(400, 'One or more validation errors occurred.');
  if (!isActive(rec.wire)) throw instanceNotActive(rec.wire.id);
  const updates: Array<{ el: DataElement; values: FormValues }> = [];
  for (const entry of body.patches) {
    const e = isRecord(entry) ? entry : {};
    const el = rec.wire.data.find((d) => d.id === String(e.dataElementId ?? '').toLowerCase());
    if (!el) throw frameworkProblem(404, 'Not Found');
    const model = modelOf(app, el.dataType);
    if (!model) throw problem(400, 'Bad Request', `Data element ${el.id} is not form data`);
    if (el.locked) throw frameworkProblem(409, 'Conflict');
    // The patch is a JSON Patch document, an array of operations: JsonPatch.Net's converter reads and writes
    // it so (sample BasicAppTests.Full_auth=User_testCase=SimplifiedNoPrefill_2_PatchFormData.verified.txt:
    // its Content-Length, 250, is that of `"patch":[…]`). docs/altinn-behaviour.md §1.3
    const patched = applyOperations(formToJson(model, readForm(ctx.svc.store, model, el.id)), e.patch);
    updates.push({ el, values: parseFormJson(model, JSON.stringify(patched)) });
  }
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
  sendJson(ctx.res, 200, {
    validationIssues: [...bySource].map(([source, issues]) => ({ source, issues })),
    newDataModels: updates.map((u) => ({ dataElementId: u.el.id, data: formToJson(modelOf(app, u.el.dataType)!, u.values) })),
    instance: withoutAppLinks(appInstanceJson(rec.wire, false)),
  });
}

export function registerAppPatch(router: Router): void {
  // DataController.cs PatchFormDataMultiple `[HttpPatch("")]` exists from v8.5.0 (Altinn/app-lib-dotnet tags).
  router.patch(`${INSTANCE}/data`, patchData, { app: true, when: whenAppHas('dataPatchMultiple') });
}

// App API process and validation routes (docs/altinn-behaviour.md §1.4, §1.5).
import { problem, isRecord, readJson, sendJson, textError } from '../http';
import { appProcessStateOf, processNext, validateInstance } from '../process-engine';
import type { Ctx, Router } from '../router';
import { appInstance, INSTANCE } from './app-common';

function getProcess(ctx: Ctx): void {
  const { app, rec } = appInstance(ctx, false);
  sendJson(ctx.res, 200, appProcessStateOf(app, rec, true));
}

async function putNext(ctx: Ctx): Promise<void> {
  const { app, rec, p } = appInstance(ctx, true);
  const body = await readJson(ctx.req);
  const action = isRecord(body) && typeof body.action === 'string' && body.action ? body.action : undefined;
  processNext(ctx.svc.store, app, rec, p, action);
  sendJson(ctx.res, 200, appProcessStateOf(app, rec, true));
}

/** `PUT process/completeProcess`: repeats next (with each task's default action) until the end event. */
function completeProcess(ctx: Ctx): void {
  const { app, rec, p } = appInstance(ctx, true);
  if (!rec.wire.process?.currentTask) throw textError(409, 'Process is not started or has ended.');
  for (let guard = 0; rec.wire.process?.currentTask && guard < app.tasks.length + 1; guard++) {
    processNext(ctx.svc.store, app, rec, p);
  }
  sendJson(ctx.res, 200, appProcessStateOf(app, rec, true));
}

function startProcess(ctx: Ctx): void {
  const { rec } = appInstance(ctx, true);
  // ProcessController.StartProcess answers Conflict(message): a plain string, not ProblemDetails.
  if (rec.wire.process?.started) throw textError(409, 'Process is already started. Use next.');
  throw textError(409, 'No matching startevent');
}

function getHistory(ctx: Ctx): void {
  const { rec } = appInstance(ctx, false);
  sendJson(ctx.res, 200, {
    processHistory: rec.history.map((h) => ({
      eventType: h.eventType, elementId: h.elementId ?? null, occured: h.occured, started: h.started ?? null,
      ended: h.ended ?? null, performedBy: h.performedBy ?? null,
    })),
  });
}

function validate(ctx: Ctx): void {
  const { app, rec } = appInstance(ctx, false);
  if (!rec.wire.process?.currentTask) {
    throw problem(409, 'Conflict', `Unable to validate instance without a started process.`);
  }
  sendJson(ctx.res, 200, validateInstance(ctx.svc.store, app, rec));
}

export function registerAppProcess(router: Router): void {
  const o = { app: true };
  router.get(`${INSTANCE}/process`, getProcess, o);
  router.post(`${INSTANCE}/process/start`, startProcess, o);
  router.put(`${INSTANCE}/process/next`, putNext, o);
  router.put(`${INSTANCE}/process/completeProcess`, completeProcess, o);
  router.get(`${INSTANCE}/process/history`, getHistory, o);
  router.get(`${INSTANCE}/validate`, validate, o);
}

// Process engine: validation, task end/start with data locking, end event archiving (docs/altinn-behaviour.md §1.4, §1.3).
import { defaultActionFor, modelOf, taskOf, type AppDef } from './apps';
import { actorId, type Principal } from './auth';
import { addInstanceEvent, emitCloudEvent, readForm, taskInfo } from './domain';
import { missingRequired } from './formdata';
import { problem } from './http';
import type { Store } from './store';
import type { InstanceRecord } from './types';

export interface ValidationIssue {
  severity: number;
  dataElementId: string | null;
  field: string | null;
  code: string;
  description: string;
  source: string;
  noIncrementalUpdates: boolean;
  customTextKey: string | null;
  customTextParams: string[] | null;
  customTextParameters: Record<string, string> | null;
}

function issue(code: string, description: string, source: string, dataElementId: string | null = null,
  field: string | null = null): ValidationIssue {
  return { severity: 1, dataElementId, field, code, description, source, noIncrementalUpdates: false,
    customTextKey: null, customTextParams: null, customTextParameters: null };
}

/** Issues for the current task: data type counts and required form fields. */
export function validateInstance(store: Store, app: AppDef, rec: InstanceRecord): ValidationIssue[] {
  const w = rec.wire;
  const taskId = w.process?.currentTask?.elementId;
  const task = taskOf(app, taskId);
  if (!task || task.type !== 'data') return [];
  const issues: ValidationIssue[] = [];
  for (const dt of app.dataTypes.filter((d) => d.taskId === task.id)) {
    const elements = w.data.filter((d) => d.dataType === dt.id);
    // The code is also the description, the data type the field; a count of 0 means no limit.
    // Altinn/app-lib-dotnet src/Altinn.App.Core/Features/Validation/Default/DefaultTaskValidator.cs (docs/altinn-behaviour.md §1.5)
    const source = 'Altinn.App.Core.Features.Validation.Default.DefaultTaskValidator-*';
    if (dt.maxCount > 0 && elements.length > dt.maxCount) {
      issues.push(issue('TooManyDataElementsOfType', 'TooManyDataElementsOfType', source, null, dt.id));
    }
    if (dt.minCount > 0 && elements.length < dt.minCount) {
      issues.push(issue('TooFewDataElementsOfType', 'TooFewDataElementsOfType', source, null, dt.id));
    }
    const model = modelOf(app, dt.id);
    if (!model) continue;
    for (const el of elements) {
      for (const field of missingRequired(model, readForm(store, model, el.id))) {
        issues.push(issue('required', `Field ${field} is required`, 'Required', el.id, field));
      }
    }
  }
  return issues;
}

function setLock(rec: InstanceRecord, app: AppDef, taskId: string, locked: boolean): void {
  const types = new Set(app.dataTypes.filter((d) => d.taskId === taskId).map((d) => d.id));
  for (const el of rec.wire.data) if (types.has(el.dataType)) el.locked = locked;
}

/**
 * `PUT process/next`: checks the action, validates a data task (409 with `validationIssues`, instance
 * unchanged), ends the task (locking its data), then starts the next task or the end event (archiving).
 */
export function processNext(store: Store, app: AppDef, rec: InstanceRecord, p: Principal, requested?: string): void {
  const w = rec.wire;
  if (!w.process) throw problem(409, 'Conflict', 'The instance is missing process information.');
  if (w.process.ended) throw problem(409, 'Conflict', 'Process is ended.');
  const current = w.process.currentTask;
  const task = taskOf(app, current?.elementId);
  if (!current || !task) throw problem(409, 'Conflict', 'Process is not started. Use start!');
  const action = requested ?? defaultActionFor(task.type);
  if (!task.actions.includes(action)) {
    throw problem(403, 'Unauthorized', `Action handler for action ${action} not found or not allowed on ${task.id}`);
  }
  const index = app.tasks.indexOf(task);
  const abandon = action === 'reject';
  if (abandon && index === 0) throw problem(409, 'Conflict', `No flow to take from ${task.id} on reject`);
  if (!abandon) {
    const issues = validateInstance(store, app, rec);
    if (issues.length > 0) {
      throw problem(409, 'Validation failed for task', `${issues.length} validation errors found for task ${task.id}`,
        { validationIssues: issues });
    }
  }
  const actor = actorId(p);
  store.touch(rec, actor, (inst, now) => {
    const proc = { ...inst.process };
    const flow = (current.flow ?? 1) + 1;
    rec.history.push({ eventType: abandon ? 'process_AbandonTask' : 'process_EndTask', elementId: task.id, occured: now,
      started: current.started, ended: now, performedBy: actor });
    addInstanceEvent(rec, abandon ? 'process_AbandonTask' : 'process_EndTask', p, now);
    if (!abandon) setLock(rec, app, task.id, true);
    const next = abandon ? app.tasks[index - 1] : app.tasks[index + 1];
    if (next) {
      proc.currentTask = taskInfo(next, flow, now, abandon ? 'AbandonCurrentMoveToNext' : 'CompleteCurrentMoveToNext');
      inst.process = proc;
      setLock(rec, app, next.id, false);
      rec.history.push({ eventType: 'process_StartTask', elementId: next.id, occured: now, started: now, performedBy: actor });
      addInstanceEvent(rec, 'process_StartTask', p, now);
      emitCloudEvent(store, inst, `app.instance.process.movedTo.${next.id}`, now);
      return;
    }
    delete proc.currentTask;
    proc.ended = now;
    proc.endEvent = 'EndEvent_1';
    inst.process = proc;
    inst.status = { ...inst.status, isArchived: true, archived: now };
    rec.history.push({ eventType: 'process_EndEvent', elementId: 'EndEvent_1', occured: now, started: now, ended: now,
      performedBy: actor });
    addInstanceEvent(rec, 'process_EndEvent', p, now);
    addInstanceEvent(rec, 'Submited', p, now);
    emitCloudEvent(store, inst, 'app.instance.process.completed', now);
  });
}

/** AppProcessState: ProcessState + `processTasks` and the caller's actions on the current task (docs/altinn-behaviour.md §1.4). */
export function appProcessStateOf(app: AppDef, rec: InstanceRecord, authorized: boolean): Record<string, unknown> | null {
  const proc = rec.wire.process;
  if (!proc) return null;
  const t = proc.currentTask;
  const task = taskOf(app, t?.elementId);
  const actions: Record<string, boolean> = {};
  for (const a of task?.actions ?? []) actions[a] = authorized;
  return {
    started: proc.started ?? null,
    startEvent: proc.startEvent ?? null,
    currentTask: t ? {
      flow: t.flow ?? null, started: t.started ?? null, elementId: t.elementId ?? null, name: t.name ?? null,
      altinnTaskType: t.altinnTaskType ?? null, ended: t.ended ?? null,
      validated: t.validated ? { timestamp: t.validated.timestamp ?? null, canCompleteTask: t.validated.canCompleteTask } : null,
      flowType: t.flowType ?? null,
      actions,
      userActions: (task?.actions ?? []).map((id) => ({ id, authorized, type: 'ProcessAction' })),
      read: authorized,
      write: authorized && task?.type === 'data',
      elementType: 'Task',
    } : null,
    ended: proc.ended ?? null,
    endEvent: proc.endEvent ?? null,
    processTasks: app.tasks.map((x) => ({ altinnTaskType: x.type, elementId: x.id, elementType: 'Task' })),
  };
}

import * as vscode from 'vscode';
import type { AppProcessElementInfo } from '../api';

/** A quick pick item for `process next`; `action` undefined sends none, so the task type decides. */
export interface ActionItem extends vscode.QuickPickItem {
  action?: string;
}

/** `read` and `write` describe access; moving a data task on (`write`) is its default item, "Move on". */
const ACCESS_ACTIONS = new Set(['read', 'write']);

/**
 * The action `process/next` checks when none is sent (docs/altinn-behaviour.md §1.4, ConvertTaskTypeToAction). The app
 * runs its handler for the action sent (for `sign`, the one that records a signature) and none without one,
 * so the default item of a signing or confirmation task sends its action.
 */
function defaultActionOf(taskType: string | undefined): string | undefined {
  switch (taskType) {
    case 'data':
    case 'feedback':
    case 'pdf':
    case 'eFormidling':
      return 'write';
    case 'confirmation':
      return 'confirm';
    case 'signing':
      return 'sign';
    default:
      return undefined;
  }
}

/** A readable name for the Altinn actions we know; any other action keeps its id. */
export function actionLabel(action: string): string {
  switch (action) {
    case 'confirm':
      return vscode.l10n.t('Confirm');
    case 'sign':
      return vscode.l10n.t('Sign');
    case 'reject':
      return vscode.l10n.t('Reject');
    case 'pay':
      return vscode.l10n.t('Pay');
    default:
      return action;
  }
}

/** What an action does to the task, for the item's detail line. */
function actionDetail(action: string): string | undefined {
  switch (action) {
    case 'write':
      return vscode.l10n.t('Submit the data; Altinn validates it first');
    case 'confirm':
      return vscode.l10n.t('Confirm the data and move on');
    case 'sign':
      return vscode.l10n.t('Sign the data and move on');
    case 'reject':
      return vscode.l10n.t('Leave the task without completing it');
    case 'pay':
      return vscode.l10n.t('Pay and move on');
    default:
      return undefined;
  }
}

function taskTypeLabel(taskType: string | undefined): string {
  switch (taskType) {
    case 'data':
      return vscode.l10n.t('a data task');
    case 'confirmation':
      return vscode.l10n.t('a confirmation task');
    case 'signing':
      return vscode.l10n.t('a signing task');
    case 'payment':
      return vscode.l10n.t('a payment task');
    case undefined:
      return vscode.l10n.t('this task');
    default:
      return vscode.l10n.t('a {0} task', taskType);
  }
}

/** The user's process actions on the task and whether each is allowed, from `actions` and `userActions`. */
function allowedActions(task: AppProcessElementInfo): Map<string, boolean> {
  const allowed = new Map<string, boolean>();
  for (const [action, ok] of Object.entries(task.actions ?? {})) {
    allowed.set(action, ok);
  }
  for (const userAction of task.userActions ?? []) {
    if (userAction.type === undefined || userAction.type === 'ProcessAction' || userAction.type === 0) {
      allowed.set(userAction.id, allowed.get(userAction.id) ?? userAction.authorized);
    }
  }
  return allowed;
}

/**
 * The items of the process-next quick pick: first the task's default, so that Enter does what it says (at a
 * signing task "Sign", not a "Move on" that would skip the signature), then the task's other actions.
 */
export function actionItems(task: AppProcessElementInfo): ActionItem[] {
  const allowed = allowedActions(task);
  const defaultAction = defaultActionOf(task.altinnTaskType);
  const others = [...allowed]
    .filter(([action]) => !ACCESS_ACTIONS.has(action) && action !== defaultAction)
    .map(([action, ok]): ActionItem => {
      const label = actionLabel(action);
      const notes = [label === action ? undefined : action, ok ? undefined : vscode.l10n.t('not authorised')];
      return { label, description: notes.filter(Boolean).join(' · ') || undefined, detail: actionDetail(action), action };
    });
  return [defaultItem(task.altinnTaskType, defaultAction, allowed), ...others];
}

function defaultItem(taskType: string | undefined, action: string | undefined, allowed: Map<string, boolean>): ActionItem {
  const description = vscode.l10n.t('default for {0}', taskTypeLabel(taskType));
  if (action === undefined || ACCESS_ACTIONS.has(action) || !allowed.has(action)) {
    return { label: vscode.l10n.t('$(arrow-right) Move on'), description, detail: action && actionDetail(action), action: undefined };
  }
  return {
    label: `$(arrow-right) ${actionLabel(action)}`,
    description: allowed.get(action) ? description : `${description} · ${vscode.l10n.t('not authorised')}`,
    detail: actionDetail(action),
    action,
  };
}

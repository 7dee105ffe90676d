import * as vscode from 'vscode';
import { AltinnApiError, type AppProcessElementInfo, type AppProcessState } from '../api';
import { askBeforeChange } from '../environments/writeGuard';
import type { AltinnNode } from '../tree/nodes';
import { mutate, required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { CommandContext } from './context';
import { actionItems, actionLabel } from './processActions';
import type { InstanceTarget } from './targets';

/** Moving an instance's process on. */
export async function processNext(deps: CommandContext, node?: AltinnNode): Promise<AppProcessState | undefined> {
  const target = await deps.targets.instance(node);
  const client = deps.registry.client(target.envId);
  const state = await withProgress(vscode.l10n.t('Loading process…'), (signal) => client.process.get(target.instance, { signal }));
  const task = state.currentTask;
  if (!task) {
    void deps.prompts.showInformationMessage(
      state.ended ? vscode.l10n.t('The process of {0} has ended.', target.instance.id) : vscode.l10n.t('The process of {0} has not started.', target.instance.id),
    );
    return state;
  }
  const picked = required(
    await deps.prompts.showQuickPick(actionItems(task), {
      title: vscode.l10n.t('Process next: {0} is at {1}', target.instance.id, taskTitle(task)),
      placeHolder: vscode.l10n.t('Action to move on with'),
    }),
  );
  await askBeforeChange(deps, [target.envId], {
    message: vscode.l10n.t('Move {0} on from {1}?', target.instance.id, taskTitle(task)),
    detail: picked.action ? vscode.l10n.t('Action: {0}', actionLabel(picked.action)) : undefined,
    confirm: vscode.l10n.t('Move on'),
  });
  const refresh = () => deps.tree.refreshInstance(target.envId, target.instance.id);
  const next = await withProgress(vscode.l10n.t('Moving {0} on from {1}…', target.instance.id, task.elementId), (signal) =>
    mutate(() => client.process.next(target.instance, { action: picked.action, signal }), refresh).catch(async (err: unknown) => {
      throw await validationFailure(deps, target, task, err);
    }),
  );
  deps.problems.clear(target.envId, target.instance.id);
  await refresh();
  void deps.prompts.showInformationMessage(
    next.currentTask
      ? vscode.l10n.t('{0} moved to {1}.', target.instance.id, taskTitle(next.currentTask))
      : vscode.l10n.t('The process of {0} has ended.', target.instance.id),
  );
  return next;
}

function taskTitle(task: AppProcessElementInfo): string {
  const name = task.name && task.name !== task.elementId ? `${task.name} (${task.elementId})` : task.elementId;
  return task.altinnTaskType ? `${name}, ${task.altinnTaskType}` : name;
}

/** A 409 with validation issues lists them in the Problems panel; anything else passes through. */
async function validationFailure(deps: CommandContext, target: InstanceTarget, task: AppProcessElementInfo, err: unknown): Promise<unknown> {
  if (!(err instanceof AltinnApiError) || err.status !== 409 || !err.validationIssues?.length) {
    return err;
  }
  await deps.problems.publish(target.envId, target.appId, target.instance, err.validationIssues);
  void vscode.commands.executeCommand('workbench.actions.view.problems');
  return new Error(
    vscode.l10n.t('{0} cannot leave {1}: {2} validation issue(s), listed in the Problems panel.', target.instance.id, task.elementId, err.validationIssues.length),
  );
}

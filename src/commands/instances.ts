import * as vscode from 'vscode';
import type { AltinnClient, Instance } from '../api';
import { askBeforeChange } from '../environments/writeGuard';
import { maskOwnerIds } from '../tree/instancePresentation';
import type { AltinnNode } from '../tree/nodes';
import { mutate, required } from '../util/errors';
import { maskPersonNumber, ownerIdFull } from '../util/ownerIds';
import { withProgress } from '../util/progress';
import type { CommandContext } from './context';
import type { InstanceTarget } from './targets';

// Instance life cycle: confirm complete, substatus, delete, and copying ids, owner ids and links (create: createInstance.ts).

function refresher(deps: CommandContext, target: InstanceTarget): () => Promise<void> {
  return () => deps.tree.refreshInstance(target.envId, target.instance.id);
}

/** Runs one state change per chosen instance, in turn, with progress; an unknown outcome refreshes that instance. */
function changeEach(
  deps: CommandContext,
  title: string,
  chosen: readonly InstanceTarget[],
  change: (client: AltinnClient, target: InstanceTarget, signal: AbortSignal) => Promise<Instance>,
): Promise<Instance[]> {
  return withProgress(title, async (signal, progress) => {
    const results: Instance[] = [];
    for (const target of chosen) {
      progress.report({ message: target.instance.id, increment: 100 / chosen.length });
      results.push(await mutate(() => change(deps.registry.client(target.envId), target, signal), refresher(deps, target)));
    }
    return results;
  });
}

export async function confirmComplete(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<Instance[]> {
  const chosen = await deps.targets.instances(node, selected);
  // Altinn keeps a complete confirmation: no route removes one (docs/altinn-behaviour.md §1.2), so it is asked first everywhere.
  await askBeforeChange(deps, envIds(chosen), {
    message: vscode.l10n.t('Confirm {0} instance(s) complete?', chosen.length),
    detail: [vscode.l10n.t('Tells Altinn that the service owner has received everything; this cannot be taken back.'), ...chosen.map((t) => t.instance.id)].join('\n'),
    confirm: vscode.l10n.t('Confirm complete'),
    always: true,
  });
  const done = await changeEach(deps, vscode.l10n.t('Confirming {0} instance(s) complete…', chosen.length), chosen, (client, target, signal) =>
    client.instances.complete(target.instance, { signal }),
  );
  // Altinn answers with the changed instance, data elements included: shown as is, not fetched again (docs/altinn-behaviour.md §1.2;
  // Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs AddCompleteConfirmation, UpdateSubstatus;
  // Altinn/altinn-storage src/Storage/Repository/PgInstanceRepository.cs Update puts Data back).
  done.forEach((instance, i) => deps.tree.showInstance(chosen[i].envId, instance));
  void deps.prompts.showInformationMessage(vscode.l10n.t('Confirmed {0} instance(s) complete.', done.length));
  return done;
}

export async function setSubstatus(deps: CommandContext, node?: AltinnNode): Promise<Instance> {
  const target = await deps.targets.instance(node);
  const current = target.instance.status?.substatus;
  const label = required(
    await deps.prompts.showInputBox({
      title: vscode.l10n.t('Substatus of {0}', target.instance.id),
      prompt: vscode.l10n.t('Label (a text key or text shown to the user in the inbox)'),
      value: current?.label,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A substatus needs a label.')),
    }),
  ).trim();
  const description = required(
    await deps.prompts.showInputBox({
      title: vscode.l10n.t('Substatus of {0}', target.instance.id),
      prompt: vscode.l10n.t('Description (optional)'),
      value: current?.description,
    }),
  ).trim();
  await askBeforeChange(deps, [target.envId], { message: vscode.l10n.t('Set the substatus of {0} to "{1}"?', target.instance.id, label), confirm: vscode.l10n.t('Set substatus') });
  const updated = await withProgress(vscode.l10n.t('Setting substatus…'), (signal) =>
    mutate(
      () => deps.registry.client(target.envId).instances.setSubstatus(target.instance, { label, ...(description ? { description } : {}) }, { signal }),
      refresher(deps, target),
    ),
  );
  // The changed instance Altinn returned (see confirmComplete).
  deps.tree.showInstance(target.envId, updated);
  return updated;
}

export async function deleteInstances(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<Instance[]> {
  const chosen = await deps.targets.instances(node, selected);
  const soft = {
    label: vscode.l10n.t('Soft delete'),
    detail: vscode.l10n.t('Marks the instance deleted; whoever may delete it can restore it with Restore Instance, or from the deleted items of the Altinn inbox.'),
    hard: false,
  };
  const hard = { label: vscode.l10n.t('Hard delete'), detail: vscode.l10n.t('Removes the instance and its data for good.'), hard: true };
  const mode = required(await deps.prompts.showQuickPick([soft, hard], { title: vscode.l10n.t('Delete {0} instance(s)', chosen.length) }));
  await askBeforeChange(deps, envIds(chosen), {
    message: mode.hard
      ? vscode.l10n.t('Permanently delete {0} instance(s)? This cannot be undone.', chosen.length)
      : vscode.l10n.t('Delete {0} instance(s)? They can be restored with Restore Instance or from the Altinn inbox.', chosen.length),
    detail: chosen.map((t) => t.instance.id).join('\n'),
    confirm: mode.hard ? vscode.l10n.t('Delete permanently') : vscode.l10n.t('Delete'),
    always: true,
  });
  const deleted = await changeEach(deps, vscode.l10n.t('Deleting {0} instance(s)…', chosen.length), chosen, (client, target, signal) =>
    client.instances.delete(target.instance, { hard: mode.hard }, { signal }),
  );
  // A deleted instance may drop out of its list, so its app reloads rather than the instance.
  const parents = new Set(chosen.map((t) => t.node?.parent));
  await Promise.all([...parents].map((p) => deps.tree.refresh(p)));
  void deps.prompts.showInformationMessage(vscode.l10n.t('Deleted {0} instance(s).', deleted.length));
  return deleted;
}

/**
 * Brings soft-deleted instances back through Storage's inbox route (the App API has none); asks first in production.
 * Altinn/altinn-storage src/Storage/Controllers/MessageboxInstancesController.cs Undelete (docs/altinn-behaviour.md §2.2)
 */
export async function restoreInstances(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<Instance[]> {
  const chosen = await deps.targets.instances(node, selected);
  await askBeforeChange(deps, envIds(chosen), {
    message: vscode.l10n.t('Restore {0} deleted instance(s)?', chosen.length),
    detail: chosen.map((t) => t.instance.id).join('\n'),
    confirm: vscode.l10n.t('Restore'),
  });
  const restored = await changeEach(deps, vscode.l10n.t('Restoring {0} instance(s)…', chosen.length), chosen, (client, target, signal) =>
    client.instances.restore(target.instance, { signal }),
  );
  // A restored instance leaves the deleted list and may join another, so its app reloads (as after delete).
  const parents = new Set(chosen.map((t) => t.node?.parent));
  await Promise.all([...parents].map((p) => deps.tree.refresh(p)));
  void deps.prompts.showInformationMessage(vscode.l10n.t('Restored {0} instance(s).', restored.length));
  return restored;
}

function envIds(targets: readonly InstanceTarget[]): string[] {
  return targets.map((t) => t.envId);
}

async function copy(
  deps: CommandContext,
  node: AltinnNode | undefined,
  selected: AltinnNode[] | undefined,
  text: (t: InstanceTarget) => string,
  shown: (value: string) => string = (value) => value,
): Promise<string> {
  const chosen = await deps.targets.instances(node, selected);
  const value = chosen.map(text).join('\n');
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', shown(value.split('\n')[0])), 3000);
  return value;
}

/** The owner's number in full (the rows mask person numbers); the status bar repeats it as the rows show it. */
export function copyOwnerId(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<string> {
  return copy(deps, node, selected, (t) => ownerIdFull(t.instance.instanceOwner), (value) => (maskOwnerIds() ? maskPersonNumber(value) : value));
}

export function copyInstanceId(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<string> {
  return copy(deps, node, selected, (t) => t.instance.id);
}

export function copyInstanceUrl(deps: CommandContext, node?: AltinnNode, selected?: AltinnNode[]): Promise<string> {
  return copy(deps, node, selected, (t) => instanceUrl(deps, t));
}

/** The App API address of an instance: its self link, or built from the environment. */
export function instanceUrl(deps: Pick<CommandContext, 'registry'>, target: InstanceTarget): string {
  const self = target.instance.selfLinks?.apps;
  if (self) {
    return self;
  }
  const environment = deps.registry.get(target.envId)?.environment;
  return environment ? `${environment.appBaseUrl(target.appId)}/instances/${target.instance.id}` : target.instance.id;
}

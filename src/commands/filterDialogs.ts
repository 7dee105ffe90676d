import * as vscode from 'vscode';
import { parsePartyId, type AltinnClient } from '../api';
import type { InstanceFilter } from '../tree/filters';
import { stateLabel, type InstanceState } from '../tree/instancePresentation';
import { required } from '../util/errors';
import type { Prompts } from '../util/prompts';
import { validateOwner } from './ownerStep';

type FilterPart = 'state' | 'task' | 'owner' | 'dates' | 'clear';

/** One change to an app's instance filter, chosen part by part. */
export async function askFilter(prompts: Prompts, client: AltinnClient, appId: string, current: InstanceFilter): Promise<InstanceFilter> {
  const any = vscode.l10n.t('any');
  const parts: (vscode.QuickPickItem & { part: FilterPart })[] = [
    { part: 'state', label: vscode.l10n.t('State'), description: current.state ? stateLabel(current.state) : any },
    { part: 'task', label: vscode.l10n.t('Current task'), description: current.currentTask ?? any },
    { part: 'owner', label: vscode.l10n.t('Owner party'), description: current.ownerPartyId ?? any },
    { part: 'dates', label: vscode.l10n.t('Last changed between'), description: current.changedFrom || current.changedTo ? `${current.changedFrom ?? '…'} – ${current.changedTo ?? '…'}` : any },
    { part: 'clear', label: vscode.l10n.t('Clear filter') },
  ];
  const picked = required(await prompts.showQuickPick(parts, { title: vscode.l10n.t('Filter instances of {0}', appId) }));
  switch (picked.part) {
    case 'clear':
      return {};
    case 'state':
      return { ...current, state: await askState(prompts) };
    case 'task':
      return { ...current, currentTask: await askTask(prompts, client, appId) };
    case 'owner':
      // One owner at a time: Storage answers 400 to a party id together with a person or organisation number.
      return { ...current, ownerPartyId: await askOwnerParty(prompts, current.ownerPartyId), ownerNumber: undefined };
    case 'dates':
      return { ...current, changedFrom: await askDate(prompts, vscode.l10n.t('Changed on or after (YYYY-MM-DD, empty for no limit)'), current.changedFrom), changedTo: await askDate(prompts, vscode.l10n.t('Changed on or before (YYYY-MM-DD, empty for no limit)'), current.changedTo) };
  }
}

async function askState(prompts: Prompts): Promise<InstanceState | undefined> {
  const states: InstanceState[] = ['active', 'completed', 'archived', 'deleted', 'deletedPermanently'];
  // Storage lists hard-deleted instances only to service owners (InstancesController.ApplyHardDeleteFilter,
  // docs/altinn-behaviour.md §2.1): say so where the state is chosen.
  const detail = (s: InstanceState) => (s === 'deletedPermanently' ? vscode.l10n.t('Listed by Altinn only to a service owner whose token has a service-owner scope') : undefined);
  const items = [{ label: vscode.l10n.t('Any state'), state: undefined as InstanceState | undefined }, ...states.map((s) => ({ label: stateLabel(s), detail: detail(s), state: s }))];
  return required(await prompts.showQuickPick(items, { title: vscode.l10n.t('Instance state') })).state;
}

/** The app's tasks from its process definition; none when the app does not serve it. */
export async function appTasks(client: AltinnClient, appId: string): Promise<{ label: string; description?: string }[]> {
  const bpmn = await client.apps.processDefinition(appId).catch(() => '');
  return tasksOf(bpmn).map((t) => ({ label: t.id, description: t.name }));
}

async function askTask(prompts: Prompts, client: AltinnClient, appId: string): Promise<string | undefined> {
  // Without the process definition (an app may not serve it) the user types the task id instead.
  const tasks = await appTasks(client, appId);
  const items = [{ label: vscode.l10n.t('Any task'), task: undefined as string | undefined }, ...tasks.map((t) => ({ ...t, task: t.label }))];
  if (tasks.length === 0) {
    const typed = required(await prompts.showInputBox({ title: vscode.l10n.t('Current task id (empty for any)'), placeHolder: 'Task_1' }));
    return typed.trim() || undefined;
  }
  return required(await prompts.showQuickPick(items, { title: vscode.l10n.t('Current task') })).task;
}

/** The tasks of a BPMN definition, whatever its namespace prefix. */
function tasksOf(bpmn: string): { id: string; name?: string }[] {
  return [...bpmn.matchAll(/<(?:[\w-]+:)?task\b([^>]*)>/g)].flatMap((m) => {
    const id = /\bid="([^"]+)"/.exec(m[1])?.[1];
    return id ? [{ id, name: /\bname="([^"]*)"/.exec(m[1])?.[1] }] : [];
  });
}

async function askOwnerParty(prompts: Prompts, current: string | undefined): Promise<string | undefined> {
  const typed = required(
    await prompts.showInputBox({
      title: vscode.l10n.t('Owner party id (empty for any)'),
      value: current,
      validateInput: (v) => (v.trim() === '' ? undefined : validateOwner('party', v.trim(), false)),
    }),
  );
  return typed.trim() ? String(parsePartyId(typed)) : undefined;
}

async function askDate(prompts: Prompts, title: string, current: string | undefined): Promise<string | undefined> {
  const typed = required(
    await prompts.showInputBox({
      title,
      value: current,
      placeHolder: '2026-01-31',
      validateInput: (v) => (v.trim() === '' || isDate(v.trim()) ? undefined : vscode.l10n.t('Expected a date as YYYY-MM-DD.')),
    }),
  );
  return typed.trim() || undefined;
}

export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
}

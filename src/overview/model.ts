import * as vscode from 'vscode';
import type { AppProcessState, Instance, InstanceEvent, ProcessHistoryItem } from '../api';
import type { AppEventsSection } from '../commands/appEvents';
import { formatDateTime, formatSize } from '../util/time';
import { taskLabel, taskNames, timelineRows } from './timeline';
import type { OverviewButton, OverviewModel, OverviewRow, OverviewTask } from './messages';

/** What the overview is made from, as read from the App API, Storage and the Events API. */
export interface OverviewSources {
  readonly title: string;
  readonly instance: Instance;
  readonly bpmn: string;
  readonly state: AppProcessState;
  readonly history: readonly ProcessHistoryItem[];
  readonly events: readonly InstanceEvent[];
  readonly appEvents: AppEventsSection;
  /** The org signed in as, for an app owner's token. */
  readonly asOrg?: string;
}

/**
 * Passed tasks are those the process history shows ended (`process_EndTask`, docs/altinn-behaviour.md §1.4),
 * with who ended them and when; the current task is the process state's.
 */
export function taskStates(state: AppProcessState, history: readonly ProcessHistoryItem[], names: ReadonlyMap<string, string> = new Map()): OverviewTask[] {
  const current = state.currentTask?.elementId;
  const tasks: OverviewTask[] = [];
  const seen = new Set<string>();
  for (const item of [...history].reverse()) {
    if (item.eventType !== 'process_EndTask' || !item.elementId || item.elementId === current || seen.has(item.elementId)) continue;
    seen.add(item.elementId);
    const when = formatDateTime(item.ended ?? item.occured);
    tasks.unshift({
      id: item.elementId,
      state: 'passed',
      summary: item.performedBy
        ? vscode.l10n.t('{0}: passed {1} by {2}', taskLabel(item.elementId, names), when, item.performedBy)
        : vscode.l10n.t('{0}: passed {1}', taskLabel(item.elementId, names), when),
    });
  }
  if (current) {
    tasks.push({ id: current, state: 'current', summary: vscode.l10n.t('{0}: current task since {1}', taskLabel(current, names), formatDateTime(state.currentTask?.started)) });
  }
  return tasks;
}

function statusRows(instance: Instance, state: AppProcessState): OverviewRow[] {
  const status = instance.status;
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Process'), state.ended ? vscode.l10n.t('Ended {0}', formatDateTime(state.ended)) : state.currentTask?.elementId],
    [vscode.l10n.t('Archived'), status?.isArchived ? formatDateTime(status.archived) : vscode.l10n.t('No')],
    [vscode.l10n.t('Confirmed by'), instance.completeConfirmations?.map((c) => `${c.stakeholderId} (${formatDateTime(c.confirmedOn)})`).join(', ') || undefined],
    [vscode.l10n.t('Substatus'), status?.substatus?.label],
    [vscode.l10n.t('Visible after'), instance.visibleAfter && formatDateTime(instance.visibleAfter)],
    [vscode.l10n.t('Due before'), instance.dueBefore && formatDateTime(instance.dueBefore)],
    [vscode.l10n.t('Last changed'), formatDateTime(instance.lastChanged)],
  ];
  return rows.filter((r): r is [string, string] => Boolean(r[1])).map(([label, value]) => ({ label, value }));
}

/**
 * What can be done now, as the tree offers it: process next while a task is current; for the app owner, a
 * substatus while the instance is active, and confirming complete once it is archived and not yet confirmed
 * by that org (docs/altinn-behaviour.md §2.2). A deleted, or archived and confirmed, instance offers nothing.
 */
export function possibleActions(instance: Instance, state: AppProcessState, asOrg?: string): OverviewButton[] {
  if (instance.status?.isSoftDeleted || instance.status?.isHardDeleted) {
    return [];
  }
  if (instance.status?.isArchived || state.ended) {
    const confirmed = instance.completeConfirmations?.some((c) => c.stakeholderId === asOrg);
    return asOrg && !confirmed ? [{ id: 'action:confirmComplete', label: vscode.l10n.t('Confirm complete…') }] : [];
  }
  const actions: OverviewButton[] = [];
  if (state.currentTask) {
    const taskActions = Object.entries(state.currentTask.actions ?? {}).filter(([, allowed]) => allowed).map(([name]) => name);
    actions.push({ id: 'action:processNext', label: vscode.l10n.t('Process next…'), detail: taskActions.join(', ') || undefined });
  }
  if (asOrg) {
    actions.push({ id: 'action:setSubstatus', label: vscode.l10n.t('Set substatus…') });
  }
  return actions;
}

export function overviewModel(s: OverviewSources): OverviewModel {
  const data: OverviewButton[] = (s.instance.data ?? []).map((d) => ({
    id: `data:${d.id}`,
    label: d.filename ?? d.dataType,
    detail: `${d.dataType} · ${d.contentType ?? ''} · ${formatSize(d.size)}`,
  }));
  return {
    title: s.title,
    bpmn: s.bpmn,
    tasks: taskStates(s.state, s.history, taskNames(s.bpmn)),
    status: statusRows(s.instance, s.state),
    data,
    timeline: timelineRows(s.events, s.appEvents, s.bpmn),
    actions: possibleActions(s.instance, s.state, s.asOrg),
    links: [
      { id: 'link:browser', label: vscode.l10n.t('Open in browser') },
      { id: 'link:curl', label: vscode.l10n.t('Copy as cURL') },
      { id: 'link:cli', label: vscode.l10n.t('Copy CLI command') },
    ],
    text: {
      process: vscode.l10n.t('Process'),
      status: vscode.l10n.t('Status'),
      data: vscode.l10n.t('Data elements'),
      timeline: vscode.l10n.t('Timeline'),
      actions: vscode.l10n.t('Actions'),
      links: vscode.l10n.t('Links'),
      noActions: vscode.l10n.t('Nothing can be done with this instance now.'),
      noDiagram: vscode.l10n.t("The app's process diagram could not be read."),
      legend: vscode.l10n.t('Filled: tasks passed. Thick outline: the current task.'),
    },
  };
}

import * as vscode from 'vscode';
import type { DataElement, Instance } from '../api';
import { ownerIdText } from '../util/ownerIds';
import { formatDateTime, formatSize, relativeTime } from '../util/time';

/** Where an instance is in its life; also a tag of its tree node and an instance filter. */
export type InstanceState = 'active' | 'completed' | 'archived' | 'deleted' | 'deletedPermanently';

export function instanceState(instance: Instance): InstanceState {
  if (instance.status?.isHardDeleted) {
    return 'deletedPermanently';
  }
  if (instance.status?.isSoftDeleted) {
    return 'deleted';
  }
  if (instance.status?.isArchived) {
    return 'archived';
  }
  return instance.process?.ended ? 'completed' : 'active';
}

export function shortGuid(instance: Instance): string {
  const guid = instance.id.split('/')[1] ?? instance.id;
  return guid.slice(0, 8);
}

/** How a row shows its owner: the name if known, and whether national identity numbers are masked. */
export interface OwnerView {
  readonly ownerName?: string;
  readonly maskOwnerIds: boolean;
}

/** The `altinn.maskOwnerIds` setting (default on): a privacy choice of the user, not of a workspace. */
export function maskOwnerIds(): boolean {
  return vscode.workspace.getConfiguration('altinn').get<boolean>('maskOwnerIds', true) !== false;
}

export function ownerLabel(instance: Instance, view: OwnerView): string {
  return view.ownerName ?? ownerIdText(instance.instanceOwner, view.maskOwnerIds) ?? vscode.l10n.t('party {0}', instance.instanceOwner.partyId);
}

/**
 * What a person scans: where the instance is and when it last changed. VS Code cuts the description at the
 * sidebar's edge and the label only after it, so these two are the label.
 */
export function instanceLabel(instance: Instance): string {
  const changed = relativeTime(instance.lastChanged);
  return changed ? `${stateText(instance)} · ${changed}` : stateText(instance);
}

/** The app's presentation texts (its `presentationFields`, copied by the app on save; docs/altinn-behaviour.md §1.2). */
export function presentationText(instance: Instance): string | undefined {
  const texts = Object.values(instance.presentationTexts ?? {}).filter((t) => t.trim() !== '');
  return texts.length > 0 ? texts.join(', ') : undefined;
}

/** Whose it is, what the app says it is about, its substatus, and the short id last. */
export function instanceDescription(instance: Instance, view: OwnerView): string {
  const owner = ownerLabel(instance, view);
  const text = presentationText(instance);
  const parts = [owner, text === owner ? undefined : text, instance.status?.substatus?.label, shortGuid(instance)];
  return parts.filter((p): p is string => Boolean(p)).join(' · ');
}

export function stateLabel(state: InstanceState): string {
  switch (state) {
    case 'active':
      return vscode.l10n.t('Active');
    case 'completed':
      return vscode.l10n.t('Completed');
    case 'archived':
      return vscode.l10n.t('Archived');
    case 'deleted':
      return vscode.l10n.t('Deleted');
    case 'deletedPermanently':
      return vscode.l10n.t('Deleted permanently');
  }
}

/** The state, or for an active instance its current task. */
function stateText(instance: Instance): string {
  const state = instanceState(instance);
  if (state !== 'active') {
    return stateLabel(state);
  }
  const task = instance.process?.currentTask;
  return task ? (task.name ?? task.elementId) : vscode.l10n.t('Not started');
}

export function instanceIcon(instance: Instance): vscode.ThemeIcon {
  switch (instanceState(instance)) {
    case 'deleted':
      return new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'));
    case 'deletedPermanently':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'archived':
      return new vscode.ThemeIcon('archive', new vscode.ThemeColor('charts.green'));
    case 'completed':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('charts.green'));
    case 'active':
      return instance.process?.currentTask
        ? new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.blue'))
        : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.yellow'));
  }
}

/** Everything about the instance, the owner's numbers in full (the hover is where a masked number is read). */
export function instanceTooltip(instance: Instance, view: OwnerView): vscode.MarkdownString {
  const owner = instance.instanceOwner;
  const task = instance.process?.currentTask;
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Instance'), instance.id],
    [vscode.l10n.t('App'), instance.appId],
    [vscode.l10n.t('Owner'), view.ownerName],
    [vscode.l10n.t('Owner party'), owner.partyId],
    [vscode.l10n.t('Person number'), owner.personNumber],
    [vscode.l10n.t('Organisation number'), owner.organisationNumber],
    [vscode.l10n.t('User name'), owner.username],
    ...Object.entries(instance.presentationTexts ?? {}).map(([field, text]): [string, string] => [vscode.l10n.t('Presentation text ({0})', field), text]),
    [vscode.l10n.t('State'), stateText(instance)],
    [vscode.l10n.t('Current task'), task ? `${task.name ?? task.elementId} (${task.altinnTaskType ?? '?'})` : undefined],
    [vscode.l10n.t('Substatus'), instance.status?.substatus?.label],
    [vscode.l10n.t('Read status'), instance.status?.readStatus],
    [vscode.l10n.t('Confirmed complete by'), instance.completeConfirmations?.map((c) => c.stakeholderId).join(', ') || undefined],
    [vscode.l10n.t('Created'), formatDateTime(instance.created)],
    [vscode.l10n.t('Last changed'), `${formatDateTime(instance.lastChanged)}${instance.lastChangedBy ? ` (${instance.lastChangedBy})` : ''}`],
    [vscode.l10n.t('Due before'), instance.dueBefore ? formatDateTime(instance.dueBefore) : undefined],
  ];
  return table(rows);
}

/** The element's file name, or its data type when it has none (form data usually has none). */
export function dataElementLabel(element: DataElement): string {
  return element.filename ?? element.dataType;
}

export function dataElementDescription(element: DataElement): string {
  const parts = element.filename ? [element.dataType] : [];
  if (element.contentType) {
    parts.push(element.contentType);
  }
  if (element.size !== undefined) {
    parts.push(formatSize(element.size));
  }
  if (element.locked) {
    parts.push(vscode.l10n.t('locked'));
  }
  return parts.join(' · ');
}

export function dataElementTooltip(element: DataElement): vscode.MarkdownString {
  return table([
    [vscode.l10n.t('Data element'), element.id],
    [vscode.l10n.t('Data type'), element.dataType],
    [vscode.l10n.t('File name'), element.filename],
    [vscode.l10n.t('Content type'), element.contentType],
    [vscode.l10n.t('Size'), formatSize(element.size)],
    [vscode.l10n.t('Locked'), element.locked ? vscode.l10n.t('Yes') : vscode.l10n.t('No')],
    [vscode.l10n.t('File scan'), element.fileScanResult],
    [vscode.l10n.t('Created'), formatDateTime(element.created)],
    [vscode.l10n.t('Last changed'), `${formatDateTime(element.lastChanged)}${element.lastChangedBy ? ` (${element.lastChangedBy})` : ''}`],
  ]);
}

function table(rows: [string, string | undefined][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown('| | |\n|---|---|\n');
  for (const [name, value] of rows) {
    if (value) {
      md.appendMarkdown(`| ${escapeCell(name)} | ${escapeCell(value)} |\n`);
    }
  }
  return md;
}

function escapeCell(text: string): string {
  return text.replace(/[|\\`*_{}[\]()#+\-!<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
}

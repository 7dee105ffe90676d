import * as vscode from 'vscode';
import type { CloudEvent, InstanceEvent } from '../api';
import type { AppEventsSection } from '../commands/appEvents';
import { formatDateTime } from '../util/time';
import type { OverviewRow } from './messages';

/** Task names by id, as the app's BPMN gives them (`<bpmn:task id="Task_2" name="Signing">`). */
export function taskNames(bpmn: string): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const m of bpmn.matchAll(/<(?:\w+:)?(?:task|userTask|serviceTask)\b([^>]*)>/g)) {
    const id = /\bid="([^"]+)"/.exec(m[1])?.[1];
    const name = /\bname="([^"]+)"/.exec(m[1])?.[1];
    if (id && name) names.set(id, decodeXml(name));
  }
  return names;
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e] ?? '');
}

/** "Signing (Task_2)" when the BPMN names the task, else its id. */
export function taskLabel(id: string | undefined, names: ReadonlyMap<string, string>): string {
  if (!id) return vscode.l10n.t('a task');
  const name = names.get(id);
  return name && name !== id ? `${name} (${id})` : id;
}

/**
 * Who did it, as Storage records it on the event (PlatformUser, docs/altinn-behaviour.md §2.4): an org by its
 * code, a system user by its name, a person only by user id (Storage gives no person's name).
 */
function actor(user: InstanceEvent['user']): string | undefined {
  if (!user) return undefined;
  if (user.orgId) return user.orgId;
  if (user.systemUserName) return user.systemUserName;
  if (user.systemUserId) return vscode.l10n.t('system user {0}', user.systemUserId);
  if (user.userId !== undefined) return vscode.l10n.t('user {0}', String(user.userId));
  return undefined;
}

/**
 * A Storage instance event in words. The types are Storage's InstanceEventType
 * (Altinn/altinn-storage src/Storage.Interface/Enums/InstanceEventType.cs); process events carry the
 * process state at the time (processInfo), whose current task is the one started or ended.
 */
export function instanceEventWords(e: InstanceEvent, names: ReadonlyMap<string, string>): string {
  const who = actor(e.user);
  const by = (done: string, doneBy: (who: string) => string) => (who ? doneBy(who) : done);
  const task = () => taskLabel(e.processInfo?.currentTask?.elementId, names);
  switch (e.eventType) {
    case 'Created': return by(vscode.l10n.t('Instance created'), (w) => vscode.l10n.t('Instance created by {0}', w));
    case 'Saved': return by(vscode.l10n.t('Data saved'), (w) => vscode.l10n.t('Data saved by {0}', w));
    case 'Submited': return by(vscode.l10n.t('Submitted'), (w) => vscode.l10n.t('Submitted by {0}', w));
    case 'Deleted': return by(vscode.l10n.t('Deleted'), (w) => vscode.l10n.t('Deleted by {0}', w));
    case 'Undeleted': return by(vscode.l10n.t('Restored'), (w) => vscode.l10n.t('Restored by {0}', w));
    case 'ConfirmedComplete': return by(vscode.l10n.t('Confirmed complete'), (w) => vscode.l10n.t('Confirmed complete by {0}', w));
    case 'SubstatusUpdated': return by(vscode.l10n.t('Substatus changed'), (w) => vscode.l10n.t('Substatus changed by {0}', w));
    case 'Signed': return by(vscode.l10n.t('Signed'), (w) => vscode.l10n.t('Signed by {0}', w));
    case 'process_StartEvent': return by(vscode.l10n.t('Process started'), (w) => vscode.l10n.t('Process started by {0}', w));
    case 'process_StartTask': return by(vscode.l10n.t('Moved to {0}', task()), (w) => vscode.l10n.t('Moved to {0} by {1}', task(), w));
    case 'process_EndTask': return by(vscode.l10n.t('{0} finished', task()), (w) => vscode.l10n.t('{0} finished by {1}', task(), w));
    case 'process_AbandonTask': return by(vscode.l10n.t('{0} abandoned', task()), (w) => vscode.l10n.t('{0} abandoned by {1}', task(), w));
    case 'process_EndEvent': return vscode.l10n.t('Process ended');
    case 'SentToSign': return vscode.l10n.t('Sent to signing');
    case 'SentToPayment': return vscode.l10n.t('Sent to payment');
    case 'SentToSendIn': return vscode.l10n.t('Sent to be submitted');
    case 'SentToFormFill': return vscode.l10n.t('Sent to be filled in');
    case 'InstanceForwarded': return by(vscode.l10n.t('Forwarded'), (w) => vscode.l10n.t('Forwarded by {0}', w));
    case 'InstanceRightRevoked': return vscode.l10n.t('Access revoked');
    case 'NotificationSentSms': return vscode.l10n.t('Notification sent by SMS');
    case 'MessageArchived': return vscode.l10n.t('Message archived');
    case 'MessageRead': return vscode.l10n.t('Message read');
    default: return who ? vscode.l10n.t('{0} by {1}', e.eventType, who) : e.eventType;
  }
}

/**
 * An app CloudEvent in words. The types are the ones app-lib registers
 * (Altinn/app-lib-dotnet src/Altinn.App.Api/Controllers/InstancesController.cs RegisterEvent,
 * src/Altinn.App.Core/Internal/Process/ProcessEventDispatcher.cs); CloudEvents carry no actor.
 */
export function appEventWords(e: CloudEvent, names: ReadonlyMap<string, string>): string {
  const movedTo = 'app.instance.process.movedTo.';
  if (e.type.startsWith(movedTo)) return vscode.l10n.t('App: moved to {0}', taskLabel(e.type.slice(movedTo.length), names));
  switch (e.type) {
    case 'app.instance.created': return vscode.l10n.t('App: instance created');
    case 'app.instance.process.completed': return vscode.l10n.t('App: process completed');
    case 'app.instance.substatus.changed': return vscode.l10n.t('App: substatus changed');
    default: return vscode.l10n.t('App event {0}', e.type);
  }
}

/** Storage's instance events and, for owners, the app's CloudEvents about the instance, newest first. */
export function timelineRows(events: readonly InstanceEvent[], appEvents: AppEventsSection, bpmn: string): OverviewRow[] {
  const names = taskNames(bpmn);
  const items = events.map((e) => ({ when: e.created ?? '', text: instanceEventWords(e, names) }));
  if ('events' in appEvents) {
    items.push(...appEvents.events.map((e) => ({ when: e.time ?? '', text: appEventWords(e, names) })));
  }
  // Newest first; events of the same moment keep their order reversed too (a task ends before the next starts).
  items.reverse().sort((a, b) => b.when.localeCompare(a.when));
  const rows = items.map((i) => ({ label: formatDateTime(i.when || undefined), value: i.text }));
  if ('note' in appEvents) rows.push({ label: '', value: appEvents.note });
  if ('error' in appEvents) rows.push({ label: '', value: appEvents.error });
  return rows;
}

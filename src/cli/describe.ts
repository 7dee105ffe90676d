// Short human descriptions of instances and process states for the text output.
import type { AppProcessState, DataElement, Instance } from '../api';
import { formatBytes } from './output';

export function instanceState(instance: Instance): string {
  if (instance.status?.isHardDeleted) return 'deleted';
  if (instance.status?.isSoftDeleted) return 'soft-deleted';
  if (instance.process?.currentTask) return instance.process.currentTask.elementId;
  if (instance.process?.ended) return instance.status?.isArchived ? 'archived' : 'ended';
  return instance.process ? 'started' : 'not started';
}

export function processState(state: AppProcessState): string {
  if (state.currentTask) {
    const { elementId, altinnTaskType, name } = state.currentTask;
    return `${elementId}${altinnTaskType ? ` (${altinnTaskType}${name ? `: ${name}` : ''})` : ''}`;
  }
  if (state.ended) return `ended${state.endEvent ? ` at ${state.endEvent}` : ''}`;
  return 'not started';
}

export function dataRow(d: DataElement): string[] {
  return [d.id, d.dataType, d.contentType ?? '', d.size === undefined ? '' : formatBytes(d.size), d.filename ?? '', d.locked ? 'locked' : ''];
}

export const DATA_HEADERS = ['DATA ID', 'TYPE', 'CONTENT TYPE', 'SIZE', 'FILE NAME', ''];

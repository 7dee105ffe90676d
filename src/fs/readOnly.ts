import * as vscode from 'vscode';
import type { AppProcessState, DataElement, DataType, Instance } from '../api';
import { PDF_RECEIPT_DATA_TYPE } from './classify';

/**
 * Why Altinn would refuse to write this element, or undefined when a write may succeed
 * (docs/altinn-behaviour.md §1.3 "Access / locking rules"). Checked when an element is opened and again right
 * before every save, against fresh server state.
 */
export function readOnlyReason(
  instance: Instance,
  element: DataElement,
  dataType: DataType | undefined,
  process?: AppProcessState,
): string | undefined {
  const status = instance.status;
  if (status?.isHardDeleted || status?.isSoftDeleted) {
    return vscode.l10n.t('The instance is deleted; Altinn does not accept changes to its data.');
  }
  if (status?.isArchived || instance.process?.ended) {
    return vscode.l10n.t('The instance is archived (its process has ended); Altinn does not accept changes to its data.');
  }
  if (element.locked) {
    return vscode.l10n.t(
      'The data element is locked: the task it belongs to ({0}) has ended.',
      dataType?.taskId ?? vscode.l10n.t('unknown task'),
    );
  }
  if (element.deleteStatus?.isHardDeleted) {
    return vscode.l10n.t('The data element is deleted.');
  }
  if (element.dataType === PDF_RECEIPT_DATA_TYPE) {
    return vscode.l10n.t('Generated PDF receipts cannot be changed.');
  }
  if (!instance.process?.currentTask) {
    return vscode.l10n.t('The instance has no current task; Altinn does not accept changes to its data.');
  }
  if (process?.currentTask && process.currentTask.write === false) {
    return vscode.l10n.t('You are not allowed to write data in the current task ({0}).', process.currentTask.elementId);
  }
  return undefined;
}

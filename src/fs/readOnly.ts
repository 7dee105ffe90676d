import type { AppProcessState, DataElement, DataType, Instance } from '../api';
import { PDF_RECEIPT_DATA_TYPE } from './classify';
import type { RuleMessage } from './ruleMessages';

// Imports nothing from vscode: returns a code, rendered at the edge (ruleText.ts), so it is tested in plain Node.

/**
 * Why Altinn would refuse to write this element, or undefined when a write may succeed
 * (docs/altinn-behaviour.md §1.3 "Access / locking rules"). Checked when an element is opened and again right
 * before every save, against fresh server state. A locked element whose task is unknown has no args.
 */
export function readOnlyCause(
  instance: Instance,
  element: DataElement,
  dataType: DataType | undefined,
  process?: AppProcessState,
): RuleMessage | undefined {
  const status = instance.status;
  if (status?.isHardDeleted || status?.isSoftDeleted) {
    return { code: 'instanceDeleted' };
  }
  if (status?.isArchived || instance.process?.ended) {
    return { code: 'instanceArchived' };
  }
  if (element.locked) {
    return { code: 'elementLocked', args: dataType?.taskId === undefined ? undefined : [dataType.taskId] };
  }
  if (element.deleteStatus?.isHardDeleted) {
    return { code: 'elementDeleted' };
  }
  if (element.dataType === PDF_RECEIPT_DATA_TYPE) {
    return { code: 'pdfReceipt' };
  }
  if (!instance.process?.currentTask) {
    return { code: 'noCurrentTask' };
  }
  if (process?.currentTask && process.currentTask.write === false) {
    return { code: 'taskNotWritable', args: [process.currentTask.elementId] };
  }
  return undefined;
}

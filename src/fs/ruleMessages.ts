import { renderCoded, type CodedMessage, type Translate } from '../api';

// What the data rules (readOnly.ts, uploadRules.ts) say, as codes. The rules return these; the sentences are
// rendered at the edge (ruleText.ts, with vscode.l10n.t) or in English by plain Node and the tests. The English
// templates are the l10n keys of l10n/bundle.l10n.nb.json. Imports nothing from vscode.

export const FS_RULE_MESSAGES = {
  // Why Altinn would refuse a write (docs/altinn-behaviour.md §1.3 "Access / locking rules").
  instanceDeleted: 'The instance is deleted; Altinn does not accept changes to its data.',
  instanceArchived: 'The instance is archived (its process has ended); Altinn does not accept changes to its data.',
  elementLocked: 'The data element is locked: the task it belongs to ({0}) has ended.',
  unknownTask: 'unknown task',
  elementDeleted: 'The data element is deleted.',
  pdfReceipt: 'Generated PDF receipts cannot be changed.',
  noCurrentTask: 'The instance has no current task; Altinn does not accept changes to its data.',
  taskNotWritable: 'You are not allowed to write data in the current task ({0}).',
  // Why Altinn would refuse an upload (docs/altinn-behaviour.md §1.3 upload rules).
  uploadInstanceDeleted: 'The instance is deleted; Altinn does not accept new data for it.',
  uploadInstanceArchived: 'The instance is archived (its process has ended); Altinn does not accept new data for it.',
  noExtension: '"{0}" has no file extension; Altinn requires one.',
  typeNotAllowed: '"{0}" ({1}) is not allowed for {2}; allowed: {3}.',
  emptyFile: '"{0}" is empty; Altinn refuses empty data elements.',
  tooLarge: '"{0}" is {1} MB, more than the {2} MB {3} allows.',
  tooMany: '{0} allows at most {1} files; the instance has {2} and you chose {3}.',
  // A data type's limits, in a picker's description.
  maxMegabytes: 'max {0} MB',
  maxFiles: 'max {0} files',
} as const;

export type FsRuleCode = keyof typeof FS_RULE_MESSAGES;

/** A sentence a data rule returns, rendered at the edge. */
export type RuleMessage = CodedMessage<FsRuleCode>;

/** A rule's sentence in the language of `translate` (vscode.l10n.t at the edge, `english` elsewhere). */
export function renderRule(message: RuleMessage, translate: Translate): string {
  if (message.code === 'elementLocked' && !message.args?.length) {
    return translate(FS_RULE_MESSAGES.elementLocked, translate(FS_RULE_MESSAGES.unknownTask));
  }
  return renderCoded(FS_RULE_MESSAGES, message, translate);
}

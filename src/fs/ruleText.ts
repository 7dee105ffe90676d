import * as vscode from 'vscode';
import type { AppProcessState, DataElement, DataType, Instance } from '../api';
import { readOnlyCause } from './readOnly';
import { renderRule } from './ruleMessages';
import { describeDataType, uploadProblems, type UploadFile } from './uploadRules';

// The edge of the data rules: their codes become sentences in VS Code's display language (vscode.l10n.t).

/** Why Altinn would refuse to write this element, in words, or undefined when a write may succeed (readOnly.ts). */
export function readOnlyReason(instance: Instance, element: DataElement, dataType: DataType | undefined, process?: AppProcessState): string | undefined {
  const cause = readOnlyCause(instance, element, dataType, process);
  return cause && renderRule(cause, vscode.l10n.t);
}

/** Everything Altinn would refuse about an upload, one sentence per problem (uploadRules.ts). */
export function uploadProblemTexts(type: DataType, instance: Instance, files: readonly UploadFile[]): string[] {
  return uploadProblems(type, instance, files).map((problem) => renderRule(problem, vscode.l10n.t));
}

/** A data type's allowed types and limits, for a picker. */
export function dataTypeDescription(type: DataType): string {
  return describeDataType(type, vscode.l10n.t);
}

import * as vscode from 'vscode';
import type { ValidationIssue } from '../api';
import { readOnlyUri, type ReadOnlyDocuments } from '../util/readOnlyDocuments';

/**
 * Validation issues from a refused `process/next`, listed in the Problems panel. They point into a
 * read-only document with one issue per line, so each problem opens at its own issue.
 */
export class ValidationProblems implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('altinn-validation');

  constructor(private readonly documents: ReadOnlyDocuments) {}

  publish(envId: string, instanceId: string, issues: ValidationIssue[]): vscode.Uri {
    const uri = readOnlyUri(envId, instanceId, 'validation');
    const lines = issues.map((issue, i) => `  ${JSON.stringify(issue)}${i < issues.length - 1 ? ',' : ''}`);
    this.documents.set(uri, ['[', ...lines, ']'].join('\n'));
    this.diagnostics.set(
      uri,
      issues.map((issue, i) => {
        const line = i + 1;
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, lines[i].length), describeIssue(issue), severityOf(issue));
        diagnostic.source = issue.source ? `Altinn (${issue.source})` : 'Altinn';
        diagnostic.code = issue.code;
        return diagnostic;
      }),
    );
    return uri;
  }

  clear(envId: string, instanceId: string): void {
    this.diagnostics.delete(readOnlyUri(envId, instanceId, 'validation'));
  }

  get(envId: string, instanceId: string): readonly vscode.Diagnostic[] {
    return this.diagnostics.get(readOnlyUri(envId, instanceId, 'validation')) ?? [];
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

function describeIssue(issue: ValidationIssue): string {
  const text = issue.description ?? issue.customTextKey ?? issue.code ?? vscode.l10n.t('Validation issue');
  return issue.field ? `${issue.field}: ${text}` : text;
}

function severityOf(issue: ValidationIssue): vscode.DiagnosticSeverity {
  switch (issue.severity) {
    case 1:
      return vscode.DiagnosticSeverity.Error;
    case 2:
      return vscode.DiagnosticSeverity.Warning;
    case 3:
      return vscode.DiagnosticSeverity.Information;
    default:
      return vscode.DiagnosticSeverity.Hint;
  }
}

import * as vscode from 'vscode';
import type { AppId, Instance, ValidationIssue } from '../api';
import { shortGuid } from '../tree/instancePresentation';
import { READ_ONLY_SCHEME, type ReadOnlyDocuments } from '../util/readOnlyDocuments';

/**
 * Validation issues from a refused `process/next`, listed in the Problems panel. They point into a
 * read-only document with one issue per line, so each problem opens at its own issue. The document is
 * named for the Problems panel (`building-permit 5a2fa5ec validation`); the full instance id in its query
 * keeps it apart from other instances.
 */
export class ValidationProblems implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('altinn-validation');
  /** The document of each instance that has problems listed, by `envId instanceId`. */
  private readonly uris = new Map<string, vscode.Uri>();

  constructor(private readonly documents: ReadOnlyDocuments) {}

  publish(envId: string, appId: AppId, instance: Instance, issues: ValidationIssue[]): vscode.Uri {
    this.clear(envId, instance.id);
    const uri = vscode.Uri.from({
      scheme: READ_ONLY_SCHEME,
      path: `/${envId}/${vscode.l10n.t('{0} {1} validation', appId.app, shortGuid(instance))}`,
      query: `instance=${instance.id}`,
    });
    this.uris.set(key(envId, instance.id), uri);
    const lines = issues.map((issue, i) => `  ${JSON.stringify(issue)}${i < issues.length - 1 ? ',' : ''}`);
    this.documents.set(uri, ['[', ...lines, ']'].join('\n'));
    this.diagnostics.set(
      uri,
      issues.map((issue, i) => {
        const line = i + 1;
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, lines[i].length), describeIssue(issue), severityOf(issue));
        // The Problems panel shows `source(code)`; the validator that raised the issue is in the document.
        diagnostic.source = 'Altinn';
        diagnostic.code = issue.code;
        return diagnostic;
      }),
    );
    return uri;
  }

  clear(envId: string, instanceId: string): void {
    const uri = this.uris.get(key(envId, instanceId));
    if (uri) {
      this.diagnostics.delete(uri);
      this.uris.delete(key(envId, instanceId));
    }
  }

  get(envId: string, instanceId: string): readonly vscode.Diagnostic[] {
    const uri = this.uris.get(key(envId, instanceId));
    return (uri && this.diagnostics.get(uri)) ?? [];
  }

  dispose(): void {
    this.diagnostics.dispose();
  }
}

function key(envId: string, instanceId: string): string {
  return `${envId} ${instanceId}`;
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

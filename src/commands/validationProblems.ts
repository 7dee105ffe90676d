import * as vscode from 'vscode';
import { parseInstanceId, type AppId, type Instance, type ValidationIssue } from '../api';
import { editorFileName } from '../fs/classify';
import { ALTINN_SCHEME, dataUri, parseDataUri } from '../fs/dataUri';
import { shortGuid } from '../tree/instancePresentation';
import { READ_ONLY_SCHEME, type ReadOnlyDocuments } from '../util/readOnlyDocuments';
import { fieldSpan } from './fieldPosition';

/** Where an issue's field is shown: the form data the field belongs to, as XML or JSON. */
export interface FieldDocuments {
  /** The text of the element's form data (an open editor's, else loaded), or undefined if it cannot be read. */
  open(uri: vscode.Uri): Promise<vscode.TextDocument | undefined>;
  /** The format a form data element opens in now (altinn.formDataFormat). */
  format(): 'xml' | 'json';
}

/**
 * Validation issues from a refused `process/next`, listed in the Problems panel. An issue with a field of a
 * form data element points at that field in the element's `altinn:` document (docs/altinn-behaviour.md §1.5),
 * so clicking it puts the cursor there. The others point into a read-only document with one issue per line,
 * named for the Problems panel (`building-permit 5a2fa5ec validation`); the full instance id in its query keeps
 * it apart from other instances. After a save the instance is validated again and the list replaced.
 */
export class ValidationProblems implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('altinn-validation');
  /** The documents holding each instance's problems, and what is needed to validate it again, by `envId instanceId`. */
  private readonly published = new Map<string, { uris: vscode.Uri[]; appId: AppId; instance: Instance }>();

  constructor(
    private readonly documents: ReadOnlyDocuments,
    private readonly fields?: FieldDocuments,
  ) {}

  async publish(envId: string, appId: AppId, instance: Instance, issues: ValidationIssue[]): Promise<void> {
    this.clear(envId, instance.id);
    const byUri = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    const add = (uri: vscode.Uri, diagnostic: vscode.Diagnostic) => {
      const entry = byUri.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(diagnostic);
      byUri.set(uri.toString(), entry);
    };
    const rest: ValidationIssue[] = [];
    for (const issue of issues) {
      const placed = await this.atField(envId, appId, instance, issue);
      if (placed) {
        add(placed.uri, diagnosticFor(issue, placed.range));
      } else {
        rest.push(issue);
      }
    }
    if (rest.length > 0) {
      const uri = vscode.Uri.from({
        scheme: READ_ONLY_SCHEME,
        path: `/${envId}/${vscode.l10n.t('{0} {1} validation', appId.app, shortGuid(instance))}`,
        query: `instance=${instance.id}`,
      });
      const lines = rest.map((issue, i) => `  ${JSON.stringify(issue)}${i < rest.length - 1 ? ',' : ''}`);
      this.documents.set(uri, ['[', ...lines, ']'].join('\n'));
      rest.forEach((issue, i) => add(uri, diagnosticFor(issue, new vscode.Range(i + 1, 0, i + 1, lines[i].length))));
    }
    for (const { uri, diagnostics } of byUri.values()) {
      this.diagnostics.set(uri, diagnostics);
    }
    this.published.set(key(envId, instance.id), { uris: [...byUri.values()].map((e) => e.uri), appId, instance });
  }

  /** Whether the instance has problems listed, so that a save should validate it again. */
  has(envId: string, instanceId: string): boolean {
    return this.published.has(key(envId, instanceId));
  }

  /** Replaces the instance's problems with what Altinn's validation says now (after a save changed its data). */
  async recheck(envId: string, instanceId: string, validate: () => Promise<ValidationIssue[]>): Promise<void> {
    const entry = this.published.get(key(envId, instanceId));
    if (!entry) {
      return;
    }
    const issues = await validate();
    if (issues.length === 0) {
      this.clear(envId, instanceId);
      return;
    }
    await this.publish(envId, entry.appId, entry.instance, issues);
  }

  clear(envId: string, instanceId: string): void {
    const entry = this.published.get(key(envId, instanceId));
    entry?.uris.forEach((uri) => this.diagnostics.delete(uri));
    this.published.delete(key(envId, instanceId));
  }

  get(envId: string, instanceId: string): readonly vscode.Diagnostic[] {
    const entry = this.published.get(key(envId, instanceId));
    return entry?.uris.flatMap((uri) => this.diagnostics.get(uri) ?? []) ?? [];
  }

  dispose(): void {
    this.diagnostics.dispose();
  }

  /** The form data document and range of an issue's field, when it has one that can be found. */
  private async atField(envId: string, appId: AppId, instance: Instance, issue: ValidationIssue): Promise<{ uri: vscode.Uri; range: vscode.Range } | undefined> {
    const element = issue.field && issue.dataElementId ? instance.data?.find((d) => d.id === issue.dataElementId) : undefined;
    if (!this.fields || !issue.field || !element) {
      return undefined;
    }
    // An editor of the element already open keeps its format; otherwise the one it would open in.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === ALTINN_SCHEME && sameElement(d.uri, element.id));
    const format = open ? (open.uri.path.endsWith('.json') ? 'json' : 'xml') : this.fields.format();
    const uri = open?.uri ?? dataUri({ envId, appId, instanceId: parseInstanceId(instance.id), dataId: element.id, fileName: editorFileName(element, { kind: 'formData', format }) });
    const document = open ?? (await this.fields.open(uri));
    if (!document) {
      return undefined;
    }
    const span = fieldSpan(document.getText(), issue.field, format);
    const range = span ? new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)) : new vscode.Range(0, 0, 0, 0);
    return { uri, range };
  }
}

function sameElement(uri: vscode.Uri, dataId: string): boolean {
  try {
    return parseDataUri(uri).dataId === dataId;
  } catch {
    return false;
  }
}

function diagnosticFor(issue: ValidationIssue, range: vscode.Range): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, describeIssue(issue), severityOf(issue));
  // The Problems panel shows `source(code)`; the validator that raised the issue is in Altinn's answer.
  diagnostic.source = 'Altinn';
  diagnostic.code = issue.code;
  return diagnostic;
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

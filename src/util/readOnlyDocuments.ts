import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'altinn-json';

/**
 * Read-only documents (instance JSON, process history, validation issues). Content is set by the
 * command that opens the document; the scheme has no file system, so VS Code offers no save.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('// This document is no longer available. Run the command again.');
  }

  /** Sets the text behind a uri (and updates an open editor of it). */
  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  async show(uri: vscode.Uri, text: string, language = 'json'): Promise<vscode.TextEditor> {
    this.set(uri, text);
    const document = await vscode.workspace.openTextDocument(uri);
    const typed = document.languageId === language ? document : await vscode.languages.setTextDocumentLanguage(document, language);
    return vscode.window.showTextDocument(typed, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** `altinn-json:/{envId}/{partyId}/{guid}/{what}.json` */
export function readOnlyUri(envId: string, instanceId: string, what: string): vscode.Uri {
  return vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${envId}/${instanceId}/${what}.json` });
}

import * as vscode from 'vscode';

export const SERVER_VERSION_SCHEME = 'altinn-server';

/**
 * Read-only documents holding the server's copy of an element, the left side of a conflict diff.
 * Kept in memory only, and only for the few most recent conflicts.
 */
export class ServerVersions implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private counter = 0;
  private static readonly KEEP = 20;

  readonly onDidChange = this.changed.event;

  /** A URI with the same path (and so the same language mode) as `uri`, showing `text`. */
  add(uri: vscode.Uri, text: string): vscode.Uri {
    const serverUri = uri.with({ scheme: SERVER_VERSION_SCHEME, query: `v=${++this.counter}` });
    this.contents.set(serverUri.toString(), text);
    while (this.contents.size > ServerVersions.KEEP) {
      const oldest = this.contents.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.contents.delete(oldest);
    }
    return serverUri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}

/** Shows the server version (left) against the user's unsaved version (right). */
export async function showConflictDiff(versions: ServerVersions, uri: vscode.Uri, serverText: string, fileName: string): Promise<void> {
  const serverUri = versions.add(uri, serverText);
  await vscode.commands.executeCommand(
    'vscode.diff',
    serverUri,
    uri,
    vscode.l10n.t('{0} (server) ↔ {0} (yours)', fileName),
    { preview: true },
  );
}

/** Discards the editor's unsaved text and loads what the file system provider now returns. */
export async function revertDocument(uri: vscode.Uri): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) {
    return;
  }
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

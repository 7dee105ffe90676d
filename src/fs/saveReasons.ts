import * as vscode from 'vscode';
import { ALTINN_SCHEME } from './dataUri';

/**
 * Why each `altinn:` document is being saved. VS Code tells extensions the reason only in
 * `onWillSaveTextDocument`, which runs right before the provider's `writeFile` for the same save, and gives
 * them no way to call a save off; so the provider asks here and refuses writes that `files.autoSave`
 * started (docs/altinn-behaviour.md §1.3: every save is a PUT to live Altinn). After a refused save VS Code
 * keeps the editor dirty and skips further automatic saves of it until the user saves it.
 */
export class SaveReasons implements vscode.Disposable {
  private readonly reasons = new Map<string, vscode.TextDocumentSaveReason>();
  private readonly listener = vscode.workspace.onWillSaveTextDocument((e) => {
    if (e.document.uri.scheme === ALTINN_SCHEME) {
      this.reasons.set(e.document.uri.toString(), e.reason);
    }
  });

  /** True when the save now reaching `writeFile` for `uri` was started by auto-save; the reason is used up. */
  takeAutomatic(uri: vscode.Uri): boolean {
    const key = uri.toString();
    const reason = this.reasons.get(key);
    this.reasons.delete(key);
    return reason === vscode.TextDocumentSaveReason.AfterDelay || reason === vscode.TextDocumentSaveReason.FocusOut;
  }

  dispose(): void {
    this.listener.dispose();
    this.reasons.clear();
  }
}

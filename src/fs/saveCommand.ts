import * as vscode from 'vscode';
import { ALTINN_SCHEME } from './dataUri';
import type { AltinnFileSystemProvider } from './provider';

/**
 * "Save to Altinn", bound to the Save key in `altinn:` editors: the content goes to Altinn first and the editor's
 * own save only follows a success, so a refusal (400, 403, 409 locked) is one message of ours and never VS Code's
 * "Failed to save … Unable to write file 'altinn://…'" notice with its Retry (see
 * {@link AltinnFileSystemProvider.sendForSave}). Any other editor is saved as the Save key would.
 */
export async function saveToAltinn(fileSystem: AltinnFileSystemProvider, uri?: vscode.Uri): Promise<boolean> {
  const document = uri
    ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())
    : vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== ALTINN_SCHEME) {
    await vscode.commands.executeCommand('workbench.action.files.save');
    return false;
  }
  if (!document.isDirty) {
    return true;
  }
  const text = document.getText();
  if (!(await fileSystem.sendForSave(document.uri, new TextEncoder().encode(text)))) {
    return false;
  }
  try {
    // Typing since the send makes this a save of its own, checked against the version just written.
    return await document.save();
  } finally {
    fileSystem.dropSent(document.uri);
  }
}

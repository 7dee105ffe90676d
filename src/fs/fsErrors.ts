import * as vscode from 'vscode';
import { AltinnApiError } from '../api';
import type { DataRef } from './dataUri';

// How the altinn: file system reports what went wrong, to VS Code and to the user.

/** The user's own message for a save that did not reach Altinn or was refused, without the internal URI. */
export function notSaved(ref: DataRef, reason: string): string {
  return vscode.l10n.t('"{0}" was not saved: {1} Your changes are still in the editor.', ref.fileName, reason);
}

/**
 * The kind VS Code is told. Only a failure that leaves the server unheard (network, time-out, 5xx, 429) is
 * "Unavailable", where saving again may work; Altinn refusing the request (400 bad content, 403, 409, 412…)
 * is "NoPermissions" and a 404 "FileNotFound": the same save would be refused again (docs/altinn-behaviour.md §7).
 */
export function fileSystemError(err: unknown, message: string): vscode.FileSystemError {
  const status = err instanceof AltinnApiError ? err.status : undefined;
  if (status === 404 || status === 410) {
    return vscode.FileSystemError.FileNotFound(message);
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return vscode.FileSystemError.NoPermissions(message);
  }
  return vscode.FileSystemError.Unavailable(message);
}

/** Whether an open text document of this URI holds unsaved changes. */
export function isDirty(uri: string): boolean {
  return vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === uri);
}

/** Whether an editor shows this URI now. */
export function isVisible(uri: string): boolean {
  return vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri);
}

/** A 404 for the instance means it is gone: its editors are told so (undefined); anything else is passed on. */
export function gone(err: unknown): undefined {
  if (err instanceof AltinnApiError && err.status === 404) {
    return undefined;
  }
  throw err;
}

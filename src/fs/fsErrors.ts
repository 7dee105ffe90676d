import * as vscode from 'vscode';
import { AltinnApiError } from '../api';
import { errorMessage, isCancellation } from '../util/errors';
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

/** Turns API failures into FileSystemErrors and remembers which ones the user was already told about. */
export class ErrorTranslator {
  /** Failures the user was already told about in the extension's own words. */
  private readonly told = new WeakSet<Error>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** API failures become FileSystemErrors carrying Altinn's message, which VS Code shows next to the kept, dirty editor. */
  async translate<T>(
    uri: vscode.Uri,
    run: () => Promise<T>,
    tell?: (message: string) => void,
    describe: (err: unknown, message: string) => string = (_err, message) => message,
  ): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof vscode.FileSystemError) {
        throw err;
      }
      if (isCancellation(err)) {
        throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Cancelled.'));
      }
      const message = describe(err, errorMessage(err));
      this.log.error(`${uri.toString()}: ${message}`);
      if (tell) {
        tell(message);
        throw this.toldError(fileSystemError(err, message));
      }
      throw fileSystemError(err, message);
    }
  }

  /** Marks `err` as already told to the user, so that it is not told again. */
  toldError(err: vscode.FileSystemError): vscode.FileSystemError {
    this.told.add(err);
    return err;
  }

  wasTold(err: unknown): boolean {
    return err instanceof Error && this.told.has(err);
  }
}

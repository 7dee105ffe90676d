import * as vscode from 'vscode';
import type { Prompts } from '../util/prompts';

export type ConflictChoice = 'overwrite' | 'reload' | 'cancel';

/** The questions the data features ask the user, put through the one prompt interface (src/util/prompts.ts). */
export interface DataPrompts {
  /** The element changed on the server since it was opened; the diff is already showing. */
  conflict(fileName: string): Promise<ConflictChoice>;
  confirmDelete(label: string): Promise<boolean>;
  pickFolder(title: string): Promise<vscode.Uri | undefined>;
  pickFiles(title: string): Promise<vscode.Uri[] | undefined>;
  pickOne<T extends vscode.QuickPickItem>(items: T[], placeHolder: string): Promise<T | undefined>;
  input(prompt: string, validate: (value: string) => string | undefined): Promise<string | undefined>;
  /** This element cannot open in an editor; true = download it instead. */
  offerDownload(message: string): Promise<boolean>;
  /** A non-modal notice, e.g. why an element opened read-only. */
  info(message: string): void;
  /** A non-modal warning, e.g. validation issues Altinn reported about an upload. */
  warn(message: string): void;
  /** A save did not reach Altinn or Altinn refused it; the editor keeps the changes. */
  saveRefused(message: string): void;
}

export function dataPrompts(ui: Prompts): DataPrompts {
  return {
    async conflict(fileName) {
      const overwrite = vscode.l10n.t('Overwrite');
      const reload = vscode.l10n.t('Reload');
      const choice = await ui.showWarningMessage(
        vscode.l10n.t('"{0}" was changed on the server after you opened it.', fileName),
        {
          modal: true,
          detail: vscode.l10n.t(
            'The diff shows the server version (left) and yours (right). Overwrite replaces the server version with yours; Reload discards your changes.',
          ),
        },
        overwrite,
        reload,
      );
      return choice === overwrite ? 'overwrite' : choice === reload ? 'reload' : 'cancel';
    },
    async confirmDelete(label) {
      const remove = vscode.l10n.t('Delete');
      const choice = await ui.showWarningMessage(
        vscode.l10n.t('Delete the data element "{0}"?', label),
        { modal: true, detail: vscode.l10n.t('This cannot be undone.') },
        remove,
      );
      return choice === remove;
    },
    async pickFolder(title) {
      const picked = await ui.showOpenDialog({
        title,
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Download here'),
      });
      return picked?.[0];
    },
    pickFiles(title) {
      return Promise.resolve(ui.showOpenDialog({ title, canSelectFiles: true, canSelectFolders: false, canSelectMany: true, openLabel: vscode.l10n.t('Upload') }));
    },
    pickOne(items, placeHolder) {
      return Promise.resolve(ui.showQuickPick(items, { placeHolder, ignoreFocusOut: true }));
    },
    input(prompt, validate) {
      return Promise.resolve(ui.showInputBox({ prompt, ignoreFocusOut: true, validateInput: validate }));
    },
    async offerDownload(message) {
      const download = vscode.l10n.t('Download…');
      return (await ui.showInformationMessage(message, download)) === download;
    },
    info(message) {
      void ui.showInformationMessage(message);
    },
    warn(message) {
      void ui.showWarningMessage(message);
    },
    saveRefused(message) {
      void ui.showErrorMessage(message);
    },
  };
}

import * as vscode from 'vscode';

/**
 * The prompts sign-in uses. Tests replace them (`AltinnAuthService.useUi`) to drive every method
 * without real UI; the default is VS Code's window.
 */
export interface AuthUi {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showWarningMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
  showInformationMessage(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowUi: AuthUi = {
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  showInputBox: (options) => vscode.window.showInputBox(options),
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  showWarningMessage: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  showInformationMessage: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
};

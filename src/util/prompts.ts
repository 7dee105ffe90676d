import * as vscode from 'vscode';
import { windowInputBoxStep, windowQuickPickStep, type Back, type StepPosition } from './steps';

/** A message's buttons, optionally after its options (`{ modal: true, detail }`), as `vscode.window` takes them. */
export type MessageArgs = [options: vscode.MessageOptions, ...items: string[]] | string[];

/**
 * Every question and notice the extension puts to the user, in one interface: commands, sign-in and the
 * data features all ask through it. The editor's window answers by default; the integration tests answer
 * through `PromptHost.use`, so the logic around a dialog stays real.
 */
export interface Prompts {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A step of a multi-step dialog: `BACK` when the user asked for the step before. */
  showQuickPickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & StepPosition): Thenable<T | Back | undefined>;
  showInputBoxStep(options: vscode.InputBoxOptions & StepPosition): Thenable<string | Back | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showInformationMessage(message: string, ...args: MessageArgs): Thenable<string | undefined>;
  showWarningMessage(message: string, ...args: MessageArgs): Thenable<string | undefined>;
  showErrorMessage(message: string, ...args: MessageArgs): Thenable<string | undefined>;
  showTextDocument(document: vscode.TextDocument, options: vscode.TextDocumentShowOptions): Thenable<vscode.TextEditor>;
}

type MessageFn = (message: string, ...args: unknown[]) => Thenable<string | undefined>;

/** The editor's own dialogs. */
export const windowPrompts: Prompts = {
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: false }),
  showQuickPickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  showInputBox: (options) => vscode.window.showInputBox(options),
  showQuickPickStep: windowQuickPickStep,
  showInputBoxStep: windowInputBoxStep,
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  showInformationMessage: (message, ...args) => (vscode.window.showInformationMessage as MessageFn)(message, ...args),
  showWarningMessage: (message, ...args) => (vscode.window.showWarningMessage as MessageFn)(message, ...args),
  showErrorMessage: (message, ...args) => (vscode.window.showErrorMessage as MessageFn)(message, ...args),
  showTextDocument: (document, options) => vscode.window.showTextDocument(document, options),
};

/** The one place the prompts can be answered by someone other than the user: the extension's test API. */
export class PromptHost implements Prompts {
  private current: Prompts = windowPrompts;

  /** Answers every prompt with `prompts` until the returned disposable is disposed. */
  use(prompts: Prompts): vscode.Disposable {
    const previous = this.current;
    this.current = prompts;
    return new vscode.Disposable(() => (this.current = previous));
  }

  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    return this.current.showQuickPick(items, options);
  }
  showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T[] | undefined> {
    return this.current.showQuickPickMany(items, options);
  }
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined> {
    return this.current.showInputBox(options);
  }
  showQuickPickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & StepPosition): Thenable<T | Back | undefined> {
    return this.current.showQuickPickStep(items, options);
  }
  showInputBoxStep(options: vscode.InputBoxOptions & StepPosition): Thenable<string | Back | undefined> {
    return this.current.showInputBoxStep(options);
  }
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined> {
    return this.current.showOpenDialog(options);
  }
  showInformationMessage(message: string, ...args: MessageArgs): Thenable<string | undefined> {
    return this.current.showInformationMessage(message, ...args);
  }
  showWarningMessage(message: string, ...args: MessageArgs): Thenable<string | undefined> {
    return this.current.showWarningMessage(message, ...args);
  }
  showErrorMessage(message: string, ...args: MessageArgs): Thenable<string | undefined> {
    return this.current.showErrorMessage(message, ...args);
  }
  showTextDocument(document: vscode.TextDocument, options: vscode.TextDocumentShowOptions): Thenable<vscode.TextEditor> {
    return this.current.showTextDocument(document, options);
  }
}

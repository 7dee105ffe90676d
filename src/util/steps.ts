import * as vscode from 'vscode';

/** Where a dialog stands in a multi-step dialog: shown as "2/7" in its title bar, with a Back button after the first. */
export interface StepPosition {
  readonly step: number;
  readonly totalSteps: number;
}

/** The answer of a step whose Back button was pressed. */
// A registered symbol: the tests' bundle answers with its own copy of this module.
export const BACK: unique symbol = Symbol.for('altinn.steps.back');
export type Back = typeof BACK;

function backButtons(position: StepPosition): vscode.QuickInputButton[] {
  return position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/** One quick pick of a multi-step dialog, in the editor's window. */
export function windowQuickPickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & StepPosition): Thenable<T | Back | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.buttons = backButtons(options);
  pick.items = items;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  return settle<T>(pick, (done) => [pick.onDidAccept(() => done(pick.selectedItems[0]))]);
}

/** One input box of a multi-step dialog, in the editor's window; the value is checked as the user types and on Enter. */
export function windowInputBoxStep(options: vscode.InputBoxOptions & StepPosition): Thenable<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.value = options.value ?? '';
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.buttons = backButtons(options);
  box.ignoreFocusOut = options.ignoreFocusOut ?? false;
  const check = async (value: string) => {
    const problem = await options.validateInput?.(value);
    box.validationMessage = problem ?? undefined;
    return !problem;
  };
  return settle<string>(box, (done) => [
    box.onDidChangeValue((v) => void check(v)),
    box.onDidAccept(async () => {
      if (await check(box.value)) {
        done(box.value);
      }
    }),
  ]);
}

function settle<T>(input: vscode.QuickInput, listen: (done: (value: T | Back | undefined) => void) => vscode.Disposable[]): Promise<T | Back | undefined> {
  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const done = (value: T | Back | undefined) => {
      disposables.forEach((d) => d.dispose());
      input.dispose();
      resolve(value);
    };
    disposables.push(
      ...listen(done),
      input.onDidHide(() => done(undefined)),
      (input as vscode.QuickPick<vscode.QuickPickItem>).onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          done(BACK);
        }
      }),
    );
    input.show();
  });
}

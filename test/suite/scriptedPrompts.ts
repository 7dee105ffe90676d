// The one way the VS Code suites answer the extension's dialogs: a scripted user behind the extension's
// prompt interface (api.prompts, src/util/prompts.ts), for commands, sign-in and the data features alike.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MessageArgs, Prompts } from '../../src/util/prompts';
import { BACK, type Back, type StepPosition } from '../../src/util/steps';

type QuickPickAnswer = (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => vscode.QuickPickItem | vscode.QuickPickItem[] | undefined;
type MessageAnswer = (text: string, buttons: string[], level: Message['level']) => string | undefined;
/** Sign-in scripts: an exact item label, an input the box must accept, a file for the open dialog. */
export type UiStep = { pick: string } | { input: string } | { file: vscode.Uri };

/** The scripted user's Back button, in place of a pick or an input. */
const BACK_ITEM: vscode.QuickPickItem = { label: '← Back' };

interface InputAnswer {
  value: string | undefined;
  back?: true;
  /** A refused value rejects the prompt (the sign-in scripts) instead of giving up (the explorer scripts). */
  strict: boolean;
}

export interface Message {
  level: 'info' | 'warning' | 'error';
  text: string;
  items: string[];
}

/**
 * Answers the extension's prompts in order, per kind, as a user would, and records every message. A prompt
 * nobody scripted is listed in `unexpected` and cancelled, so a changed flow is noticed. Installed on
 * creation; dispose to give the prompts back to the editor.
 */
export class ScriptedPrompts implements Prompts, vscode.Disposable {
  readonly messages: Message[] = [];
  /** The title (or prompt) of every quick pick, input box and open dialog asked, in order. */
  readonly prompts: string[] = [];
  /** Each step of a multi-step dialog asked, as `step/totalSteps title`. */
  readonly steps: string[] = [];
  readonly unexpected: string[] = [];
  /** Inputs the box's validation refused. */
  readonly refused: string[] = [];
  private readonly quickPicks: QuickPickAnswer[] = [];
  private readonly inputs: InputAnswer[] = [];
  private readonly modals: (string | MessageAnswer | undefined)[] = [];
  private readonly openDialogs: (vscode.Uri[] | undefined)[] = [];
  private nonModal: MessageAnswer = () => undefined;
  private everyPick?: QuickPickAnswer;
  private readonly installed: vscode.Disposable;

  constructor(api: { readonly prompts: { use(prompts: Prompts): vscode.Disposable } }) {
    this.installed = api.prompts.use(this);
  }

  /** Picks the item whose label (or description) contains the text. */
  pick(text: string): this {
    this.quickPicks.push((items) => {
      const found = items.find((i) => i.label.includes(text)) ?? items.find((i) => i.description?.includes(text));
      assert.ok(found, `no quick pick item with "${text}" among: ${items.map((i) => i.label).join(' | ')}`);
      return found;
    });
    return this;
  }

  /** Presses Back in the next multi-step quick pick. */
  backFromPick(): this {
    this.quickPicks.push(() => BACK_ITEM);
    return this;
  }

  /** Presses Back in the next multi-step input box. */
  backFromInput(): this {
    this.inputs.push({ value: undefined, strict: false, back: true });
    return this;
  }

  pickWith(answer: QuickPickAnswer): this {
    this.quickPicks.push(answer);
    return this;
  }

  /** How to answer every quick pick once the scripted ones are used up. */
  pickAlways(answer: QuickPickAnswer): this {
    this.everyPick = answer;
    return this;
  }

  /** The next input; a value the box refuses makes the scripted user give up (recorded in `refused`). */
  type(value: string): this {
    this.inputs.push({ value, strict: false });
    return this;
  }

  /** The button to press in the next modal message, or how to choose it. */
  confirm(button: string | MessageAnswer | undefined): this {
    this.modals.push(button);
    return this;
  }

  /** How to answer the non-modal messages from now on (by default they are only recorded). */
  answerMessages(answer: MessageAnswer): this {
    this.nonModal = answer;
    return this;
  }

  /** The file, or folder, the next open dialog returns. */
  openFile(uri: vscode.Uri): this {
    this.openDialogs.push([uri]);
    return this;
  }

  /** The sign-in style: exact labels, and an input the box refuses fails the prompt. */
  script(...steps: UiStep[]): this {
    for (const step of steps) {
      if ('pick' in step) {
        this.quickPicks.push((items) => {
          const item = items.find((i) => i.label === step.pick);
          if (!item) throw new Error(`scripted UI: no item "${step.pick}" among ${items.map((i) => i.label).join(', ')}`);
          return item;
        });
      } else if ('input' in step) {
        this.inputs.push({ value: step.input, strict: true });
      } else {
        this.openDialogs.push([step.file]);
      }
    }
    return this;
  }

  /** Scripted answers not used yet. */
  get pending(): number {
    return this.quickPicks.length + this.inputs.length + this.modals.length + this.openDialogs.length;
  }

  errors(): string[] {
    return this.textsOf('error');
  }

  get warnings(): string[] {
    return this.textsOf('warning');
  }

  get infos(): string[] {
    return this.textsOf('info');
  }

  private textsOf(level: Message['level']): string[] {
    return this.messages.filter((m) => m.level === level).map((m) => m.text);
  }

  async showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    const answer = this.answerPick(items, options);
    return (Array.isArray(answer) ? answer[0] : answer) as T | undefined;
  }

  async showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T[] | undefined> {
    const answer = this.answerPick(items, options);
    return (answer === undefined || Array.isArray(answer) ? answer : [answer]) as T[] | undefined;
  }

  private answerPick(items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions): vscode.QuickPickItem | vscode.QuickPickItem[] | undefined {
    const title = options.title ?? options.placeHolder ?? '';
    this.prompts.push(title);
    const answer = this.quickPicks.shift() ?? this.everyPick;
    if (!answer) {
      this.unexpected.push(`quick pick "${title}": ${items.map((i) => i.label).join(' | ')}`);
      return undefined;
    }
    return answer(items, options);
  }

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const title = options.title ?? options.prompt ?? '';
    this.prompts.push(options.prompt ?? title);
    const answer = this.inputs.shift();
    if (!answer) {
      this.unexpected.push(`input box "${title}"`);
      return undefined;
    }
    const problem = answer.value !== undefined ? await options.validateInput?.(answer.value) : undefined;
    if (!problem) {
      return answer.value;
    }
    const why = typeof problem === 'string' ? problem : JSON.stringify(problem);
    if (answer.strict) {
      throw new Error(`scripted UI: the input box for "${options.prompt}" refuses the answer: ${JSON.stringify(why)}`);
    }
    // The box would stay open; the scripted user gives up instead.
    this.refused.push(`${answer.value}: ${why}`);
    return undefined;
  }

  async showQuickPickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions & StepPosition): Promise<T | Back | undefined> {
    this.steps.push(`${options.step}/${options.totalSteps} ${options.title ?? ''}`);
    const answer = await this.showQuickPick(items, options);
    if (answer === BACK_ITEM) {
      assert.ok(options.step > 1, `scripted UI: no Back button on the first step "${options.title}"`);
      return BACK;
    }
    return answer;
  }

  async showInputBoxStep(options: vscode.InputBoxOptions & StepPosition): Promise<string | Back | undefined> {
    this.steps.push(`${options.step}/${options.totalSteps} ${options.title ?? ''}`);
    if (this.inputs[0]?.back) {
      this.inputs.shift();
      this.prompts.push(options.prompt ?? options.title ?? '');
      assert.ok(options.step > 1, `scripted UI: no Back button on the first step "${options.title}"`);
      return BACK;
    }
    return this.showInputBox(options);
  }

  async showOpenDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
    this.prompts.push(options.title ?? 'open dialog');
    return this.openDialogs.shift();
  }

  showInformationMessage(text: string, ...args: MessageArgs): Promise<string | undefined> {
    return this.message('info', text, args);
  }

  showWarningMessage(text: string, ...args: MessageArgs): Promise<string | undefined> {
    return this.message('warning', text, args);
  }

  showErrorMessage(text: string, ...args: MessageArgs): Promise<string | undefined> {
    return this.message('error', text, args);
  }

  showTextDocument(document: vscode.TextDocument, options: vscode.TextDocumentShowOptions): Thenable<vscode.TextEditor> {
    return vscode.window.showTextDocument(document, options);
  }

  private async message(level: Message['level'], text: string, args: MessageArgs): Promise<string | undefined> {
    const items = (args as unknown[]).filter((a): a is string => typeof a === 'string');
    this.messages.push({ level, text, items });
    const modal = (args as unknown[]).some((a) => typeof a === 'object' && a !== null && (a as vscode.MessageOptions).modal);
    if (!modal) {
      return this.nonModal(text, items, level);
    }
    const answer = this.modals.shift();
    return typeof answer === 'function' ? answer(text, items, level) : answer;
  }

  dispose(): void {
    this.installed.dispose();
  }
}

// What the overview panel and its webview say to each other. Types only: the webview bundle imports them too.

/** How a task of the process stands for this instance. */
export type TaskState = 'passed' | 'current';

export interface OverviewTask {
  readonly id: string;
  readonly state: TaskState;
  /** "Task_1: passed, ended 5 Dec 10:03 by 501337", in the user's language. */
  readonly summary: string;
}

export interface OverviewRow {
  readonly label: string;
  readonly value: string;
}

export interface OverviewButton {
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
}

/** Everything the webview shows, with every text already in the user's language. */
export interface OverviewModel {
  readonly title: string;
  /** The app's BPMN (`meta/process`), or '' when it could not be read. */
  readonly bpmn: string;
  readonly tasks: readonly OverviewTask[];
  readonly status: readonly OverviewRow[];
  readonly data: readonly OverviewButton[];
  readonly timeline: readonly OverviewRow[];
  readonly actions: readonly OverviewButton[];
  readonly links: readonly OverviewButton[];
  readonly text: {
    readonly process: string;
    readonly status: string;
    readonly data: string;
    readonly timeline: string;
    readonly actions: string;
    readonly links: string;
    readonly noActions: string;
    readonly noDiagram: string;
    readonly legend: string;
  };
}

export type ToWebview =
  | { readonly type: 'show'; readonly model: OverviewModel }
  /** Presses a button of the page as a user would (the tests' way in; the page reports the buttons it has). */
  | { readonly type: 'press'; readonly button: string };

/** What the page drew, read back from its DOM: marker classes per BPMN element id, and its buttons. */
export interface DrawnReport {
  readonly markers: Readonly<Record<string, readonly string[]>>;
  readonly buttons: readonly string[];
  /** The timeline's entries as the page shows them ("<time> <what happened>"). */
  readonly timeline: readonly string[];
  readonly error?: string;
}

export type FromWebview =
  | { readonly type: 'ready' }
  | ({ readonly type: 'drawn' } & DrawnReport)
  | { readonly type: 'button'; readonly button: string }
  | { readonly type: 'pressFailed'; readonly button: string };

/** Button ids: `action:<name>`, `data:<elementId>`, `link:<name>`. */
export const MARKER_PREFIX = 'ov-';

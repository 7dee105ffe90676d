// Sentences said by code, as codes: a module returns `{ code, args }` and the edge renders it. The extension
// renders with vscode.l10n.t (Norwegian when VS Code is), the CLI and plain Node in English, from the same
// catalogue. Imports nothing from vscode.

/** The signature of vscode.l10n.t: an English template (also the l10n key) and its `{n}` values. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills `{0}`, `{1}`, … the way vscode.l10n.t does; a placeholder without a value stays as it is. */
export function formatMessage(template: string, args: readonly (string | number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
}

/** English, the source language: what the CLI prints and what Error.message holds. */
export const english: Translate = (message, ...args) => formatMessage(message, args);

/** A translator from a bundle such as l10n/bundle.l10n.nb.json (English where the bundle has no entry). */
export function bundleTranslator(bundle: Readonly<Record<string, string>>): Translate {
  return (message, ...args) => formatMessage(bundle[message] ?? message, args);
}

/** A coded sentence: `code` names a template in a catalogue, `args` fill its placeholders. */
export interface CodedMessage<C extends string = string> {
  readonly code: C;
  readonly args?: readonly (string | number)[];
}

/** Renders a coded sentence from `catalogue` in the language of `translate`. */
export function renderCoded<C extends string>(catalogue: Readonly<Record<C, string>>, message: CodedMessage<C>, translate: Translate): string {
  return translate(catalogue[message.code], ...(message.args ?? []));
}

import * as vscode from 'vscode';
import { chooseText, textLanguageFor } from './textLanguage';

/** The language for Altinn texts: the `altinn.language` setting, or (when it is `auto`) the rule of textLanguage.ts for VS Code's. */
export function displayLanguage(): string {
  const setting = vscode.workspace.getConfiguration('altinn').get<string>('language', 'auto');
  return setting && setting !== 'auto' ? setting : textLanguageFor(vscode.env.language);
}

/** Picks a text in the display language, falling back to nb, then en; undefined when none (show the id). */
export function pickText(texts: Readonly<Record<string, string | null | undefined>> | undefined, language = displayLanguage()): string | undefined {
  return chooseText(texts, language);
}

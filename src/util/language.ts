import * as vscode from 'vscode';

/** The language for Altinn texts: the `altinn.language` setting, or the editor's when it is `auto`. */
export function displayLanguage(): string {
  const setting = vscode.workspace.getConfiguration('altinn').get<string>('language', 'auto');
  if (setting && setting !== 'auto') {
    return setting;
  }
  const editor = vscode.env.language.toLowerCase();
  if (editor.startsWith('nb') || editor === 'no') {
    return 'nb';
  }
  return editor.startsWith('nn') ? 'nn' : editor.split('-')[0];
}

/** Picks a text in the display language, falling back to nb, then en, then whatever there is. */
export function pickText(texts: Record<string, string> | undefined, language = displayLanguage()): string | undefined {
  if (!texts) {
    return undefined;
  }
  return texts[language] ?? texts.nb ?? texts.en ?? Object.values(texts)[0];
}

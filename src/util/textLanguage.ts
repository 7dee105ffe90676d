// The one rule for the language of Altinn's own texts (app titles, data type names), free of vscode so that
// plain-Node tests hold it (docs/altinn-behaviour.md §1.1: `title` and `description` map language codes to text).

/**
 * The language Altinn texts are shown in for an editor language: nb for a Norwegian editor (nb, nn, no), en
 * otherwise, the languages the extension itself speaks (l10n/bundle.l10n.nb.json, English by default).
 */
export function textLanguageFor(editorLanguage: string): string {
  const primary = editorLanguage.toLowerCase().split('-')[0];
  return primary === 'nb' || primary === 'nn' || primary === 'no' ? 'nb' : 'en';
}

/** The text in `language`, else nb, else en; undefined otherwise, and the caller shows the id instead. */
export function chooseText(texts: Readonly<Record<string, string | null | undefined>> | undefined, language: string): string | undefined {
  const usable = (code: string) => {
    const text = texts?.[code]?.trim();
    return text ? text : undefined;
  };
  return usable(language) ?? usable('nb') ?? usable('en');
}

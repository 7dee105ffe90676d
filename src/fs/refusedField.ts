// Which field of the form data a refused save is about. Imports nothing from vscode: tested in plain Node.

/**
 * The XML element Altinn's 400 for form data is about, found in the text that was sent. app-lib answers
 * "{XmlSerializer's message} {its inner exception's message}" (Altinn/app-lib-dotnet
 * src/Altinn.App.Core/Helpers/Serialization/ModelSerializationService.cs DeserializeSingleFromStream;
 * docs/altinn-behaviour.md §1.3), e.g. "There is an error in XML document (1, 251). The string 'invalid boolean' is
 * not a valid Boolean value." The inner message quotes the value; the position is that of the node AFTER the
 * element holding it, the reader having moved on (app-lib's InstancesController_PostNewInstanceTests: the value of
 * `<toggle>` is reported at the `m` of the `</melding>` that follows). So: the element holding the quoted value
 * that ends last before the position, or the only one holding it when there is no position. Undefined when
 * neither tells. JSON errors already carry their path (`$.field`).
 */
export function refusedXmlField(sent: string, message: string): string | undefined {
  const value = /'([^']*)' (?:is not a valid|was not in a correct format)/i.exec(message)?.[1];
  if (value === undefined || value === '') {
    return undefined;
  }
  const holders = [...sent.matchAll(/<([\w.:-]+)(?:\s[^>]*)?>([^<]*)<\/\1\s*>/g)]
    .filter((m) => unescapeXml(m[2]).trim() === value)
    .map((m) => ({ name: localName(m[1]), end: m.index + m[0].length }));
  const at = /error in XML document \((\d+), (\d+)\)/.exec(message);
  const offset = at ? offsetOf(sent, Number(at[1]), Number(at[2])) : undefined;
  if (offset !== undefined) {
    return holders.filter((h) => h.end <= offset).at(-1)?.name;
  }
  return holders.length === 1 ? holders[0].name : undefined;
}

function offsetOf(text: string, line: number, column: number): number | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) {
      return undefined;
    }
    start = next + 1;
  }
  const offset = start + column - 1;
  return offset >= 0 && offset <= text.length ? offset : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function localName(name: string): string {
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

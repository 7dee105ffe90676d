// Which field of the form data a refused save is about. Imports nothing from vscode: tested in plain Node.

/**
 * The XML element Altinn's 400 for form data points at, found in the text that was sent. app-lib's XML binding
 * answers "{XmlSerializer's message} {its inner exception's message}", i.e. "There is an error in XML document (line,
 * column)." and .NET's parse error quoting the value (Altinn/app-lib-dotnet
 * src/Altinn.App.Core/Helpers/Serialization/ModelDeserializer.cs; docs/altinn-behaviour.md §1.3): the position names
 * the element, else a quoted value held by exactly one element. JSON errors already carry their path (`$.field`). Undefined when neither tells.
 */
export function refusedXmlField(sent: string, message: string): string | undefined {
  const at = /error in XML document \((\d+), (\d+)\)/.exec(message);
  if (at) {
    const offset = offsetOf(sent, Number(at[1]), Number(at[2]));
    const name = offset === undefined ? undefined : enclosingElement(sent, offset);
    if (name) {
      return name;
    }
  }
  const value = /'([^']*)' (?:is not a valid|was not in a correct format)/i.exec(message)?.[1];
  if (value === undefined || value === '') {
    return undefined;
  }
  const holders = [...sent.matchAll(/<([\w.:-]+)(?:\s[^>]*)?>([^<]*)<\/\1\s*>/g)].filter((m) => m[2].trim() === value);
  return holders.length === 1 ? localName(holders[0][1]) : undefined;
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

/** The innermost element open at `offset` (its start tag before it, its end tag not yet), or the tag at it. */
function enclosingElement(text: string, offset: number): string | undefined {
  const open: string[] = [];
  const tag = /<(\/?)([\w.:-]+)[^>]*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(text)) !== null && m.index <= offset) {
    if (offset < m.index + m[0].length) {
      return localName(m[2]);
    }
    if (m[1]) {
      open.pop();
    } else if (!m[3]) {
      open.push(m[2]);
    }
  }
  const name = open.at(-1);
  return name && localName(name);
}

function localName(name: string): string {
  return name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
}

// Where a validation issue's field is in form data text. Imports nothing from vscode: tested in plain Node.

/** Offsets of the field's name in the text (an XML start tag's name or a JSON property's key). */
export interface FieldSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Finds the field an issue names (`applicant`, `owner.address.street`, `people[1].name`; docs/altinn-behaviour.md
 * §1.5, ValidationIssue.field) in XML or JSON form data. The path is followed segment by segment, each searched
 * after the previous one; an index skips that many further occurrences (XML only). Altinn's paths use the data
 * model's property names, which match the XML element names case-insensitively in generated models. Undefined
 * when a segment is not found: the caller then points at the start of the document.
 */
export function fieldSpan(text: string, field: string, format: 'xml' | 'json'): FieldSpan | undefined {
  const segments = field.split(/[.[\]]+/).filter((s) => s !== '');
  let from = 0;
  let found: FieldSpan | undefined;
  let previous: string | undefined;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      if (format === 'xml' && previous && found) {
        for (let i = 0; i < Number(segment) && found; i++) {
          found = find(text, previous, format, found.end);
        }
        if (!found) {
          return undefined;
        }
        from = found.end;
      }
      continue;
    }
    found = find(text, segment, format, from);
    if (!found) {
      return undefined;
    }
    previous = segment;
    from = found.end;
  }
  return found;
}

function find(text: string, name: string, format: 'xml' | 'json', from: number): FieldSpan | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = format === 'xml' ? new RegExp(`<(?:[\\w-]+:)?(${escaped})(?=[\\s/>])`, 'gi') : new RegExp(`"(${escaped})"\\s*:`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match) {
    return undefined;
  }
  const start = match.index + match[0].indexOf(match[1]);
  return { start, end: start + match[1].length };
}

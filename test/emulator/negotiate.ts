// Content negotiation for form data (`Ok(model)` in app-lib's DataController.GetFormData), after ASP.NET
// Core's DefaultOutputFormatterSelector with app-lib's formatters: JSON first, then XML
// (Altinn/app-lib-dotnet src/Altinn.App.Api/Extensions/ServiceCollectionExtensions.cs AddXmlSerializerFormatters).
// RespectBrowserAcceptHeader is off, so an Accept holding */* is ignored; no match falls back to the first
// formatter (no 406). docs/altinn-behaviour.md §1.3.

export interface Negotiated {
  format: 'json' | 'xml';
  contentType: string;
}

const JSON_TYPES = ['application/json', 'text/json', 'application/*+json'];
const XML_TYPES = ['application/xml', 'text/xml', 'application/*+xml'];
const JSON_DEFAULT: Negotiated = { format: 'json', contentType: 'application/json; charset=utf-8' };

interface Range { type: string; q: number }

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    if (!type || !type.includes('/')) continue;
    const q = params.map((p) => /^q\s*=\s*([0-9.]+)$/i.exec(p)).find(Boolean);
    ranges.push({ type: type.toLowerCase(), q: q ? Number(q[1]) : 1 });
  }
  return ranges;
}

/** `a/b` against `c/d` where either side may use `*` or a `*+suffix` subtype. */
function matches(requested: string, supported: string): boolean {
  const [rt, rs] = requested.split('/');
  const [st, ss] = supported.split('/');
  if (rt !== '*' && st !== '*' && rt !== st) return false;
  if (rs === '*' || ss === rs) return true;
  const suffix = (s: string): string | undefined => (s.startsWith('*+') ? s.slice(1) : undefined);
  const sSuffix = suffix(ss);
  return sSuffix !== undefined && rs.endsWith(sSuffix);
}

export function negotiateFormFormat(accept: string | undefined): Negotiated {
  const ranges = parseAccept(accept ?? '');
  if (ranges.length === 0 || ranges.some((r) => r.type === '*/*')) return JSON_DEFAULT;
  // Array.prototype.sort is stable, as .NET's sort is for the few entries an Accept holds.
  ranges.sort((a, b) => b.q - a.q);
  for (const range of ranges) {
    if (JSON_TYPES.some((t) => matches(range.type, t))) {
      return { format: 'json', contentType: `${range.type.includes('*') ? 'application/json' : range.type}; charset=utf-8` };
    }
    if (XML_TYPES.some((t) => matches(range.type, t))) {
      return { format: 'xml', contentType: `${range.type.includes('*') ? 'application/xml' : range.type}; charset=utf-8` };
    }
  }
  return JSON_DEFAULT;
}

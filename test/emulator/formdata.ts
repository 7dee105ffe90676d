// Form data: stored as XML (like an app's XmlSerializer output), served as JSON or XML, accepted as either
// (docs/altinn-behaviour.md §1.3). Models are flat: one root element with simple string/number fields.
import type { FormModelDef } from './apps';
import { problem } from './http';
import { xmlEscape, xmlUnescape } from './util';

export type FormValues = Record<string, string | number | null>;

/**
 * XmlSerializer's output through an XmlWriter with default settings: one line, no indentation, an empty
 * root self-closed (Altinn/app-lib-dotnet src/Altinn.App.Core/Helpers/Serialization/ModelSerializationService.cs
 * SerializeToXml; an empty `ttd/basic` model stores 146 bytes in test/emulator/recordings). docs/altinn-behaviour.md §1.3
 */
export function formToXml(model: FormModelDef, values: FormValues): string {
  const open = `<?xml version="1.0" encoding="utf-8"?><${model.root} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"`;
  const fields = model.fields
    .filter((f) => values[f.name] !== null && values[f.name] !== undefined)
    .map((f) => `<${f.name}>${xmlEscape(String(values[f.name]))}</${f.name}>`);
  return fields.length === 0 ? `${open} />` : `${open}>${fields.join('')}</${model.root}>`;
}

/** Every field of the model, absent ones as null (the JSON sample keeps `property1: null`). */
export function formToJson(model: FormModelDef, values: FormValues): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const f of model.fields) out[f.name] = values[f.name] ?? null;
  return out;
}

function badXml(detail: string): Error {
  return problem(400, 'Failed to deserialize XML', detail);
}

/**
 * Where XmlSerializer says a bad value is: the (line, column) of the name of the node after the element holding it,
 * since the reader has moved past the element when the value fails to parse (Altinn/app-lib-dotnet
 * test/Altinn.App.Api.Tests/Controllers/InstancesController_PostNewInstanceTests.cs
 * PostNewInstanceWithInvalidData_EnsureInvalidResponse: `<toggle>invalid boolean</toggle></melding>` → (1, 251), the
 * `m` of `</melding>`).
 */
function positionAfter(text: string, field: string, raw: string): string {
  const element = new RegExp(`<${field}(?:\\s[^>]*)?>([^<]*)</${field}\\s*>`, 'g');
  let end = text.length;
  for (const m of text.matchAll(element)) {
    if (xmlUnescape(m[1]) === raw) {
      end = m.index + m[0].length;
      break;
    }
  }
  const next = text.indexOf('<', end);
  return namePosition(text, next < 0 ? text.length : next + (text[next + 1] === '/' ? 2 : 1));
}

/** `(line, column)` of an offset, both counted from 1, as XmlTextReader reports them. */
function namePosition(text: string, at: number): string {
  const before = text.slice(0, at);
  return `(${before.split('\n').length}, ${at - before.lastIndexOf('\n')})`;
}

export function parseFormXml(model: FormModelDef, text: string): FormValues {
  const body = text.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trim();
  const root = /^<([A-Za-z_][\w.-]*)(\s[^>]*)?(\/>|>([\s\S]*)<\/\1>)$/.exec(body);
  // The same test's other cases: text that is not XML, and a root the model does not have (at its name).
  if (!root) throw badXml(body.startsWith('<') ? 'There is an error in XML document (1, 1).' : 'There is an error in XML document (1, 1). Data at the root level is invalid. Line 1, position 1.');
  if (root[1] !== model.root) throw badXml(`There is an error in XML document ${namePosition(text, text.indexOf(`<${root[1]}`) + 1)}. <${root[1]} xmlns=''> was not expected.`);
  const inner = root[4] ?? '';
  const values: FormValues = {};
  const fieldRe = /<([A-Za-z_][\w.-]*)(\s[^>]*)?(?:\/>|>([^<]*)<\/\1>)/g;
  let m: RegExpExecArray | null;
  while ((m = fieldRe.exec(inner)) !== null) {
    const field = model.fields.find((f) => f.name === m![1]);
    if (!field) continue;
    const raw = m[3] === undefined ? null : xmlUnescape(m[3]);
    if (raw === null || raw === '') {
      values[field.name] = field.type === 'string' && raw === '' ? '' : null;
      continue;
    }
    if (field.type === 'number') {
      const n = Number(raw.trim());
      // app-lib: "{XmlSerializer's message} {inner message}" (ModelSerializationService.DeserializeSingleFromStream);
      // the inner one is .NET 8's decimal parse error (XmlConvert.ToDecimal → Decimal.Parse).
      if (!Number.isFinite(n)) throw badXml(`There is an error in XML document ${positionAfter(text, field.name, raw)}. The input string '${raw}' was not in a correct format.`);
      values[field.name] = n;
    } else values[field.name] = raw;
  }
  return values;
}

/** System.Text.Json rules: unknown members ignored, a wrong token type is a 400 with the JSON path. */
export function parseFormJson(model: FormModelDef, text: string): FormValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw problem(400, 'Failed to deserialize JSON', (e as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw problem(400, 'Failed to deserialize JSON', `The JSON value could not be converted to ${model.classRef}. Path: $`);
  }
  const values: FormValues = {};
  for (const f of model.fields) {
    const v = (parsed as Record<string, unknown>)[f.name];
    if (v === undefined || v === null) {
      values[f.name] = null;
      continue;
    }
    if (f.type === 'string' && typeof v !== 'string') {
      throw problem(400, 'Failed to deserialize JSON', `The JSON value could not be converted to System.String. Path: $.${f.name}`);
    }
    if (f.type === 'number' && typeof v !== 'number') {
      throw problem(400, 'Failed to deserialize JSON',
        `The JSON value could not be converted to System.Nullable\`1[System.Decimal]. Path: $.${f.name}`);
    }
    values[f.name] = v as string | number;
  }
  return values;
}

/** Required fields that are empty: the only validation rule the seed apps have (test/emulator/README.md, fixed seed). */
export function missingRequired(model: FormModelDef, values: FormValues): string[] {
  return model.fields.filter((f) => f.required && (values[f.name] === null || values[f.name] === undefined ||
    values[f.name] === '')).map((f) => f.name);
}

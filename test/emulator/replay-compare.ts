// Compares an emulator answer with a recorded one (recordings/README.md, "How a replay compares").
import type { Node } from './replay-notation';

/**
 * How a recorded body was written. `model`: read into a .NET model by the test (PascalCase, nulls,
 * zeros and empty lists left out, enums by name); `wire`: the JSON as sent (names exact, nulls kept);
 * `mocked`: the JSON as sent by an app whose Storage was mocked (app-lib's controller tests): names,
 * nulls and enum numbers are real, but a value the mock left null or empty says nothing about Altinn.
 */
export type BodyMode = 'model' | 'wire' | 'mocked';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})?';
const PLACEHOLDER = /<[A-Za-z]+(?:\[\d+\])?>|\bGuid_\d+\b|\bDateTime(?:Offset)?_\d+\b|\{Scrubbed\}/g;

// Storage's ReadStatus enum (Altinn/altinn-storage src/Storage.Interface/Models/ReadStatus.cs): the App API
// sends the number, a recording read into the model shows the name.
const READ_STATUS = ['Unread', 'Read', 'UpdatedSinceLastReview'];

// Enum members whose default (first) value a model recording leaves out like a zero: ReadStatus.Unread,
// FileScanResult.NotApplicable (Altinn/altinn-storage src/Storage.Interface/Models/FileScanResult.cs).
// DataType's maxCount and minCount carry [DefaultValue(1)] (src/Storage.Interface/Models/DataType.cs), which Verify honours.
const MODEL_DEFAULTS: Record<string, unknown[]> = {
  readstatus: [0, 'Unread'], filescanresult: ['NotApplicable'], maxcount: [1], mincount: [1],
};

function classOf(placeholder: string): string {
  if (placeholder.startsWith('DateTime')) return TIME;
  if (placeholder === '<instancOwnerPartyId>') return '\\d+';
  if (placeholder === '<date>' || placeholder === '{Scrubbed}') return '.*';
  return GUID;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Values bound to placeholders. `<name>` placeholders live for a whole sequence (the scrubber of
 * app-lib's integration tests names them after the instance); Verify's `Guid_N` and `DateTime_N`
 * number values per snapshot, so they are forgotten with `newFile()`.
 */
export class Bindings {
  private readonly sequence = new Map<string, string>();
  private file = new Map<string, string>();

  constructor(private readonly hosts: Array<[string, string]>) {}

  newFile(): void {
    this.file = new Map();
  }

  get(name: string): string | undefined {
    return this.sequence.get(name);
  }

  set(name: string, value: string): void {
    this.sequence.set(name, value);
  }

  private scope(p: string): Map<string, string> {
    return p.startsWith('<') ? this.sequence : this.file;
  }

  /** Recorded hosts (localtest, platform, the controller tests' localhost) become the emulator's. */
  normaliseHosts(text: string): string {
    return this.hosts.reduce((t, [from, to]) => t.split(from).join(to), text);
  }

  /** Whether `actual` fits the recorded text; unbound placeholders are bound on a fit. */
  fits(recorded: string, actual: string): boolean {
    const text = this.normaliseHosts(recorded);
    const names: string[] = [];
    let pattern = '';
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      pattern += escape(text.slice(last, m.index));
      const bound = this.scope(m[0]).get(m[0]);
      if (bound !== undefined) pattern += escape(bound);
      else {
        names.push(m[0]);
        pattern += `(${classOf(m[0])})`;
      }
      last = (m.index ?? 0) + m[0].length;
    }
    pattern += escape(text.slice(last));
    const match = new RegExp(`^${pattern}$`, 's').exec(actual);
    if (!match) return false;
    const seen = new Map<string, string>();
    for (let i = 0; i < names.length; i++) {
      const prior = seen.get(names[i]);
      if (prior !== undefined && prior !== match[i + 1]) return false;
      seen.set(names[i], match[i + 1]);
    }
    for (const [name, value] of seen) this.scope(name).set(name, value);
    return true;
  }
}

function isDefault(v: unknown): boolean {
  return v === null || v === undefined || v === 0 || v === '' || (Array.isArray(v) && v.length === 0);
}

function scalarText(v: unknown, key: string, mode: BodyMode): string {
  if (mode === 'model' && key.toLowerCase() === 'readstatus' && typeof v === 'number') return READ_STATUS[v] ?? String(v);
  return v === null ? 'null' : String(v);
}

export interface CompareOptions {
  mode: BodyMode;
  /** In `mocked` recordings, member paths (lower case, `[]` for any index) whose value the mock made up: kind compared, not value. */
  volatile: Set<string>;
  /** Member paths Altinn sends that a recording does not show (recordings/compare-rules.json says why, each). */
  notRecorded: Set<string>;
}

/** The differences between a recorded body and the emulator's JSON, one line each (empty = match). */
export function compareBody(rec: Node, actual: unknown, b: Bindings, o: CompareOptions, path = '', key = ''): string[] {
  const where = path || '(body)';
  const shapePath = path.toLowerCase().replace(/\[\d+\]/g, '[]');
  if (rec.kind === 'object' && o.mode === 'model' && rec.members.length === 1 && rec.members[0][0] === 'ValueKind') {
    // A JsonElement member of the model (e.g. NewDataModels[].Data): Verify shows only its kind.
    const kind = actual === null ? 'Null' : Array.isArray(actual) ? 'Array' : typeof actual === 'object' ? 'Object'
      : typeof actual === 'string' ? 'String' : typeof actual === 'number' ? 'Number' : actual ? 'True' : 'False';
    const recorded = rec.members[0][1].kind === 'scalar' ? (rec.members[0][1] as { text: string }).text : '';
    return kind === recorded ? [] : [`${where}: a JSON ${kind}, recorded ValueKind ${recorded}`];
  }
  if (rec.kind === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${where}: expected an object, got ${JSON.stringify(actual)}`];
    const obj = actual as Record<string, unknown>;
    const out: string[] = [];
    const used = new Set<string>();
    for (const [k, child] of rec.members) {
      const name = o.mode === 'model' ? Object.keys(obj).find((a) => a.toLowerCase() === k.toLowerCase()) : (k in obj ? k : undefined);
      const childPath = path ? `${path}.${k}` : k;
      if (name === undefined) {
        out.push(`${childPath}: missing`);
        continue;
      }
      used.add(name);
      out.push(...compareBody(child, obj[name], b, o, childPath, k));
    }
    for (const [name, v] of Object.entries(obj)) {
      if (used.has(name)) continue;
      const extraPath = `${shapePath ? `${shapePath}.` : ''}${name.toLowerCase()}`;
      if (o.notRecorded.has(extraPath) || (o.mode === 'model' && isDefault(v))) continue;
      if (o.mode === 'model' && MODEL_DEFAULTS[name.toLowerCase()]?.includes(v)) continue;
      out.push(`${path ? `${path}.` : ''}${name}: not in the recording (${JSON.stringify(v)})`);
    }
    return out;
  }
  if (rec.kind === 'array') {
    if (!Array.isArray(actual)) return [`${where}: expected an array, got ${JSON.stringify(actual)}`];
    // Items both lists have are still compared, so one missing item does not hide other differences.
    const count = actual.length === rec.items.length ? [] : [`${where}: ${actual.length} items, recorded ${rec.items.length}`];
    return [...count, ...rec.items.slice(0, actual.length).flatMap((item, i) => compareBody(item, actual[i], b, o, `${path}[${i}]`, key))];
  }
  if (rec.kind === 'verbatim') return [`${where}: a verbatim body inside a model`];
  if (actual !== null && typeof actual === 'object') return [`${where}: expected ${rec.text}, got ${JSON.stringify(actual)}`];
  if (o.mode === 'mocked' && (rec.text === 'null' || rec.text === '')) return [];
  if (o.mode === 'mocked' && o.volatile.has(shapePath)) return actual === null && rec.text !== 'null' ? [`${where}: null, recorded ${rec.text}`] : [];
  const text = scalarText(actual, key, o.mode);
  return b.fits(rec.text, text) ? [] : [`${where}: ${JSON.stringify(actual)}, recorded ${rec.text}`];
}

function compareJson(rec: unknown, actual: unknown, b: Bindings, path: string): string[] {
  if (typeof rec === 'string') {
    return typeof actual === 'string' && b.fits(rec, actual) ? [] : [`${path}: ${JSON.stringify(actual)}, recorded ${JSON.stringify(rec)}`];
  }
  if (rec === null || typeof rec !== 'object') {
    return rec === actual ? [] : [`${path}: ${JSON.stringify(actual)}, recorded ${JSON.stringify(rec)}`];
  }
  if (Array.isArray(rec)) {
    if (!Array.isArray(actual) || actual.length !== rec.length) return [`${path}: ${JSON.stringify(actual)}, recorded ${JSON.stringify(rec)}`];
    return rec.flatMap((r, i) => compareJson(r, actual[i], b, `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
  const a = actual as Record<string, unknown>;
  const out: string[] = [];
  for (const [k, v] of Object.entries(rec)) {
    if (!(k in a)) out.push(`${path}.${k}: missing`);
    else out.push(...compareJson(v, a[k], b, `${path}.${k}`));
  }
  for (const k of Object.keys(a)) if (!(k in rec)) out.push(`${path}.${k}: not in the recording (${JSON.stringify(a[k])})`);
  return out;
}

/** A body Verify kept verbatim: JSON (a problem, a bare string) compared exactly, anything else as text. */
export function compareVerbatim(recorded: string, actualText: string, b: Bindings): string[] {
  let rec: unknown;
  try {
    rec = JSON.parse(recorded);
  } catch {
    return b.fits(recorded, actualText) ? [] : [`(body): ${JSON.stringify(actualText)}, recorded text ${recorded}`];
  }
  let actual: unknown;
  try {
    actual = JSON.parse(actualText);
  } catch {
    return [`(body): not JSON (${JSON.stringify(actualText.slice(0, 200))}), recorded ${recorded}`];
  }
  return compareJson(rec, actual, b, '(body)');
}

// Replays Altinn's recorded exchanges (recordings/) against emulators that serve the recorded apps.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type Emulator } from './index';
import { loadRecordedApp } from './replay-apps';
import { Bindings, compareBody, compareVerbatim, type CompareOptions } from './replay-compare';
import { at, member, parseVerified, textOf, type Node } from './replay-notation';
import type { Sequence, Step } from './replay-scenarios';

export interface Outcome {
  file: string;
  /** Empty when the answer matches the recording. */
  differences: string[];
  skipped?: string;
}

export interface Rules {
  volatile: Set<string>;
  notRecorded: Set<string>;
}

// HttpStatusCode names as Verify prints them.
const STATUS: Record<string, number> = {
  OK: 200, Created: 201, NoContent: 204, BadRequest: 400, Unauthorized: 401, Forbidden: 403, NotFound: 404, Conflict: 409,
};

const SKIPPED_REQUEST_HEADERS = new Set(['authorization', 'user-agent', 'content-length']);

interface Answer { status: number; headers: Headers; text: string }

function mediaType(v: string | null | undefined): string | undefined {
  return v ? v.split(';')[0].trim().toLowerCase() : undefined;
}

/** A recorded request's headers other than those the replay sets itself (token, length). */
function recordedHeaders(request: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of [member(request, 'Headers'), at(request, 'Content', 'Headers')]) {
    if (block?.kind !== 'object') continue;
    for (const [name, value] of block.members) {
      const text = textOf(value);
      if (text !== undefined && !SKIPPED_REQUEST_HEADERS.has(name.toLowerCase())) out[name] = text;
    }
  }
  return out;
}

/** Fills bound placeholders into a recorded request target; undefined while one is still unbound. */
function fill(text: string, b: Bindings): string | undefined {
  let missing = false;
  const out = text.replace(/<[A-Za-z]+(?:\[\d+\])?>/g, (p) => b.get(p) ?? ((missing = true), p));
  return missing ? undefined : out;
}

function compareHeader(name: string, recorded: string | undefined, actual: string | null, b: Bindings): string[] {
  if (recorded === undefined) return actual === null ? [] : [`${name}: ${actual}, not in the recording`];
  if (actual === null) return [`${name}: missing, recorded ${recorded}`];
  return b.fits(recorded, actual) ? [] : [`${name}: ${actual}, recorded ${recorded}`];
}

/** Status, media type, Location, Content-Disposition and body of one answer against an integration-test recording. */
function compareExchange(rec: Node, answer: Answer, b: Bindings, o: CompareOptions): string[] {
  const http = member(rec, 'HttpResponse');
  const out: string[] = [];
  const status = STATUS[textOf(member(http, 'StatusCode')) ?? ''];
  if (status !== answer.status) out.push(`status: ${answer.status}, recorded ${textOf(member(http, 'StatusCode'))}`);
  const recordedType = mediaType(textOf(at(http, 'Content', 'Headers', 'Content-Type')));
  const actualType = answer.text === '' ? undefined : mediaType(answer.headers.get('content-type'));
  if (recordedType !== actualType) out.push(`content type: ${actualType ?? 'none'}, recorded ${recordedType ?? 'none'}`);
  out.push(...compareHeader('Location', textOf(at(http, 'Headers', 'Location')), answer.headers.get('location'), b));
  out.push(...compareHeader('Content-Disposition', textOf(at(http, 'Content', 'Headers', 'Content-Disposition')),
    answer.headers.get('content-disposition'), b));
  const body = member(rec, 'Response');
  if (body?.kind === 'verbatim') out.push(...compareVerbatim(body.text, answer.text, b));
  else if (body) out.push(...compareJsonBody(body, answer.text, b, o));
  return out;
}

function compareJsonBody(body: Node, text: string, b: Bindings, o: CompareOptions): string[] {
  let actual: unknown;
  try {
    actual = JSON.parse(text);
  } catch {
    return [`(body): not JSON (${JSON.stringify(text.slice(0, 200))})`];
  }
  return compareBody(body, actual, b, o);
}

/** After a setup step the recording does not show: its instance's ids, named as app-lib's InstanceStringScrubber names them. */
function bindInstance(text: string, b: Bindings): void {
  let inst: { id?: unknown; data?: Array<{ id?: unknown }> };
  try {
    inst = JSON.parse(text) as typeof inst;
  } catch {
    return;
  }
  if (typeof inst.id === 'string' && inst.id.includes('/')) b.set('<instanceGuid>', inst.id.split('/')[1]);
  inst.data?.forEach((d, i) => typeof d.id === 'string' && b.set(`<dataElementId[${i}]>`, d.id));
}

/** Runs one sequence in order against `emu`; a step whose request needs an id no earlier answer gave is blocked. */
export async function replaySequence(seq: Sequence, emu: Emulator, dir: string, rules: Rules): Promise<Outcome[]> {
  const token = await (await fetch(`${emu.url}${seq.token}`)).text();
  const b = new Bindings([
    ['https://local.altinn.cloud:<localtestPort>', emu.url],
    ['http://local.altinn.cloud:<localtestPort>', emu.url],
    ['https://platform.local.altinn.cloud', emu.url],
    ['https://localhost', emu.url],
  ]);
  const outcomes: Outcome[] = [];
  const parsed = new Map<string, Node>();
  for (const step of seq.steps) {
    const file = step.file;
    if (step.skip) {
      if (file) outcomes.push({ file, differences: [], skipped: step.skip });
      continue;
    }
    const rec = file ? parsed.get(file) ?? parseVerified(readFileSync(path.join(dir, file), 'utf8')) : undefined;
    if (file && rec) parsed.set(file, rec);
    const request = member(member(rec, 'HttpResponse'), 'RequestMessage');
    const method = step.method ?? textOf(member(member(request, 'Method'), 'Method'));
    const target = step.path ?? textOf(member(request, 'RequestUri'));
    const url = target === undefined ? undefined : fill(b.normaliseHosts(target), b);
    if (!method || url === undefined) {
      if (file) outcomes.push({ file, differences: [`not replayed: the request needs ${target} and an earlier step did not give its ids`] });
      continue;
    }
    const headers: Record<string, string> = { ...recordedHeaders(request), Authorization: `Bearer ${token}` };
    const body = step.body?.((name) => b.get(name) ?? name);
    if (body?.contentType) headers['Content-Type'] = body.contentType;
    const res = await fetch(url.startsWith('http') ? url : `${emu.url}${url}`, { method, headers, body: body?.body });
    const answer: Answer = { status: res.status, headers: res.headers, text: await res.text() };
    if (!file || !rec) {
      bindInstance(answer.text, b);
      continue;
    }
    // Verify numbers Guid_N/DateTime_N per snapshot; the two answers of a wire snapshot share one numbering.
    if (!step.part || step.part === 'createdResponse') b.newFile();
    const o: CompareOptions = { mode: step.mode, volatile: rules.volatile, notRecorded: rules.notRecorded };
    const differences = step.part
      ? compareJsonBody(member(rec, step.part) ?? { kind: 'object', members: [] }, answer.text, b, o)
      : compareExchange(rec, answer, b, o);
    outcomes.push({ file: step.part ? `${file} ${step.part}` : file, differences });
  }
  return outcomes;
}

/** Replays every sequence, one emulator per recorded app (and scenario), started with an empty seed. */
export async function replayAll(seqs: Sequence[], dir: string, rules: Rules): Promise<Outcome[]> {
  const emulators = new Map<string, Emulator>();
  try {
    const outcomes: Outcome[] = [];
    for (const seq of seqs) {
      const key = `${seq.app.folder}/${seq.app.scenario ?? ''}`;
      let emu = emulators.get(key);
      if (!emu) {
        emu = await startEmulator({ seed: 'empty', extraApps: [loadRecordedApp(seq.app.folder, seq.app.scenario)] });
        emulators.set(key, emu);
      }
      outcomes.push(...await replaySequence(seq, emu, dir, rules));
    }
    return outcomes;
  } finally {
    await Promise.all([...emulators.values()].map((e) => e.close()));
  }
}

export type { Step };

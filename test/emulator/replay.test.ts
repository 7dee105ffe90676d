// Altinn's own recorded exchanges replayed against the emulator (recordings/README.md).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replayAll, type Outcome, type Rules } from './replay';
import { recordingsDir } from './replay-apps';
import { appLibDir, sequences } from './replay-scenarios';

interface ExpectedMismatch {
  /** Regular expression on the recording's file name (and `part` for a wire snapshot). */
  recordings: string;
  /** Regular expression on one difference line; a recording is an expected mismatch when every line is covered. */
  differs: string;
  cause: string;
  expectedToMatchAfter?: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(recordingsDir(), file), 'utf8')) as T;
}

function rules(): Rules {
  const r = readJson<{ volatile: Array<{ path: string }>; notRecorded: Array<{ path: string }> }>('compare-rules.json');
  return { volatile: new Set(r.volatile.map((v) => v.path)), notRecorded: new Set(r.notRecorded.map((v) => v.path)) };
}

describe('Altinn recordings replayed', function () {
  this.timeout(120_000);

  it('every recording expected to match does match', async () => {
    const dir = appLibDir(recordingsDir());
    const outcomes: Outcome[] = await replayAll(sequences(dir), dir, rules());
    const expected = readJson<ExpectedMismatch[]>('expected-mismatches.json');
    const replayed = outcomes.filter((o) => !o.skipped);
    const matching = replayed.filter((o) => o.differences.length === 0);
    console.log(`recordings: ${replayed.length} replayed, ${matching.length} match`);
    assert.ok(replayed.length >= 100, 'fewer exchanges replayed than the recordings hold');
    const unexpected: string[] = [];
    const used = new Set<ExpectedMismatch>();
    for (const o of replayed) {
      const entries = expected.filter((e) => new RegExp(e.recordings).test(o.file));
      if (o.differences.length === 0) continue;
      const uncovered = o.differences.filter((d) => {
        const entry = entries.find((e) => new RegExp(e.differs).test(d));
        if (entry) used.add(entry);
        return !entry;
      });
      if (uncovered.length > 0) unexpected.push(`${o.file}\n    ${uncovered.join('\n    ')}`);
    }
    for (const e of expected) if (!used.has(e)) console.log(`  expected mismatch no longer seen (shrink expected-mismatches.json): ${e.recordings} / ${e.differs}`);
    if (process.env.REPLAY_VERBOSE) for (const o of replayed) if (o.differences.length) console.log(`${o.file}\n    ${o.differences.join('\n    ')}`);
    assert.equal(unexpected.length, 0, `recordings that do not match:\n${unexpected.join('\n')}`);
  });
});

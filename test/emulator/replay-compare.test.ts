// The replay's reader and comparison catch what they must (so a green replay means something).
import * as assert from 'node:assert/strict';
import { Bindings, compareBody, compareVerbatim, type CompareOptions } from './replay-compare';
import { at, parseVerified, textOf } from './replay-notation';

const SNAPSHOT = `\uFEFF{
  HttpResponse: {
    StatusCode: Created,
    Headers: {
      Location: [
        https://local.altinn.cloud:<localtestPort>/ttd/basic/instances/501337/<instanceGuid>
      ]
    },
    TrailingHeaders: {}
  },
  Response: {
    Id: 501337/<instanceGuid>,
    Created: DateTime_1,
    VisibleAfter: DateTime_1,
    Status: {
      IsArchived: false,
      ReadStatus: Read
    },
    Data: [
      {
        Id: <dataElementId[0]>,
        Size: 146
      }
    ]
  }
}`;

const GUID = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const DATA = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
const model: CompareOptions = { mode: 'model', volatile: new Set(), notRecorded: new Set() };

function answer(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `501337/${GUID}`, created: '2026-01-02T03:04:05.123Z', visibleAfter: '2026-01-02T03:04:05.123Z',
    status: { isArchived: false, readStatus: 1, archived: null }, data: [{ id: DATA, size: 146, tags: [] }], ...over,
  };
}

describe('replay: reading and comparing recordings', () => {
  const rec = parseVerified(SNAPSHOT);
  const body = at(rec, 'Response')!;

  it('reads members, header lists, empty blocks and placeholders of the relaxed notation', () => {
    assert.equal(textOf(at(rec, 'HttpResponse', 'StatusCode')), 'Created');
    assert.match(textOf(at(rec, 'HttpResponse', 'Headers', 'Location')) ?? '', /<instanceGuid>$/);
    assert.deepEqual(at(rec, 'HttpResponse', 'TrailingHeaders'), { kind: 'object', members: [] });
  });

  it('a matching answer has no differences and binds the ids for later requests', () => {
    const b = new Bindings([]);
    assert.deepEqual(compareBody(body, answer(), b, model), []);
    assert.equal(b.get('<instanceGuid>'), GUID);
    assert.equal(b.get('<dataElementId[0]>'), DATA);
  });

  it('finds a wrong value, a missing member, an extra non-default member and a wrong enum', () => {
    const wrong = answer({ status: { isArchived: true, readStatus: 0 }, extra: 'x' });
    delete wrong.created;
    const diffs = compareBody(body, wrong, new Bindings([]), model);
    assert.ok(diffs.some((d) => d.startsWith('Created: missing')), diffs.join('\n'));
    assert.ok(diffs.some((d) => d.startsWith('Status.IsArchived')), diffs.join('\n'));
    assert.ok(diffs.some((d) => d.startsWith('Status.ReadStatus: 0, recorded Read')), diffs.join('\n'));
    assert.ok(diffs.some((d) => d.startsWith('extra: not in the recording')), diffs.join('\n'));
  });

  it('one placeholder is one value: DateTime_1 twice must be the same time, a bound id must stay the same', () => {
    const b = new Bindings([]);
    b.set('<instanceGuid>', '00000000-0000-4000-8000-000000000000');
    const diffs = compareBody(body, answer({ visibleAfter: '2026-01-02T03:04:06.000Z' }), b, model);
    assert.ok(diffs.some((d) => d.startsWith('Id:')), diffs.join('\n'));
    assert.ok(diffs.some((d) => d.startsWith('VisibleAfter:')), diffs.join('\n'));
  });

  it('a wire recording keeps names exact and nulls significant', () => {
    const wire = parseVerified('{\n  readStatus: 1,\n  substatus: null\n}');
    const o: CompareOptions = { ...model, mode: 'wire' };
    assert.deepEqual(compareBody(wire, { readStatus: 1, substatus: null }, new Bindings([]), o), []);
    assert.equal(compareBody(wire, { ReadStatus: 1, substatus: null }, new Bindings([]), o).length, 2);
    assert.equal(compareBody(wire, { readStatus: 'Read', substatus: null, extra: null }, new Bindings([]), o).length, 2);
  });

  it('a verbatim body compares as exact JSON or exact text', () => {
    const b = new Bindings([]);
    assert.deepEqual(compareVerbatim('"Party 1 is not allowed"', '"Party 1 is not allowed"', b), []);
    assert.equal(compareVerbatim('"Party 1 is not allowed"', 'Party 1 is not allowed', b).length, 1);
    assert.equal(compareVerbatim('{"status":400,"title":"x"}', '{"status":400,"title":"x","detail":null}', b).length, 1);
    assert.deepEqual(compareVerbatim('Invalid data provided.', 'Invalid data provided.', b), []);
  });
});

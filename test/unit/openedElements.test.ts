import * as assert from 'node:assert/strict';
import { nextMtime, OpenedElements, timeOf, type OpenedElement } from '../../src/fs/openedElements';

function element(mtime: number, readOnly?: string): OpenedElement {
  return { lastChanged: '2026-01-01T00:00:00Z', mtime, ctime: 0, size: 1, readOnly };
}

describe('fs: the elements the editor has opened', () => {
  it('keeps every editor URI of an element, and forgetting it returns them all', () => {
    const opened = new OpenedElements();
    opened.remember('k', 'altinn://e/a/model.xml', element(1));
    opened.remember('k', 'altinn://e/a/model.json', element(2));
    opened.remember('k', 'altinn://e/a/model.xml', element(3));
    assert.equal(opened.get('k')?.mtime, 3, 'the last state read wins');
    assert.deepEqual(opened.entries().map((e) => [e.key, [...e.uris]]), [['k', ['altinn://e/a/model.xml', 'altinn://e/a/model.json']]]);
    assert.deepEqual(opened.forget('k'), ['altinn://e/a/model.xml', 'altinn://e/a/model.json']);
    assert.equal(opened.get('k'), undefined);
    assert.deepEqual(opened.entries(), []);
    assert.deepEqual(opened.forget('k'), [], 'a second forget has no editors to tell');
  });

  it('moves the mtime past the current one even when the server time is older or missing', () => {
    const newer = Date.parse('2026-02-01T00:00:00Z');
    assert.equal(nextMtime(element(10), '2026-02-01T00:00:00Z'), newer);
    assert.equal(nextMtime(element(newer + 5), '2026-02-01T00:00:00Z'), newer + 6);
    assert.equal(nextMtime(element(10), undefined), 11);
    assert.equal(timeOf('not a date'), 0);
  });
});

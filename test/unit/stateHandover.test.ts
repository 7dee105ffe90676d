import * as assert from 'node:assert/strict';
import type { ElementState } from '../../src/fs/dataService';
import { HANDOVER_MS, StateHandover } from '../../src/fs/stateHandover';

function stateReadAt(at: number, changes: number): ElementState {
  return { readAt: { at, changes } } as unknown as ElementState;
}

describe('fs: state handed from one step of an open to the next', () => {
  it('is peeked by stat and taken once by the content read', () => {
    const handover = new StateHandover(() => 0, () => 1_000);
    const state = stateReadAt(1_000, 0);
    handover.put('k', { state });
    assert.equal(handover.peek('k')?.state, state);
    handover.put('k', { state, readOnly: { reason: undefined } });
    assert.deepEqual(handover.take('k')?.readOnly, { reason: undefined });
    assert.equal(handover.take('k'), undefined, 'the next open reads the server again');
  });

  it('is void once the extension sent a state-changing request after the read began', () => {
    let changes = 3;
    const handover = new StateHandover(() => changes, () => 1_000);
    handover.put('k', { state: stateReadAt(1_000, 3) });
    changes = 4;
    assert.equal(handover.take('k'), undefined);
  });

  it('is void a few seconds after the read began', () => {
    let now = 1_000;
    const handover = new StateHandover(() => 0, () => now);
    handover.put('k', { state: stateReadAt(1_000, 0) });
    now += HANDOVER_MS + 1;
    assert.equal(handover.peek('k'), undefined);
  });

  it('is dropped for a save or a forgotten element', () => {
    const handover = new StateHandover(() => 0, () => 1_000);
    handover.put('k', { state: stateReadAt(1_000, 0) });
    handover.drop('k');
    assert.equal(handover.take('k'), undefined);
  });
});

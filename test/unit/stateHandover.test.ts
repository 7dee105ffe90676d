import * as assert from 'node:assert/strict';
import type { ElementState } from '../../src/fs/dataService';
import { HANDOVER_MS, StateHandover, type Loaded } from '../../src/fs/stateHandover';

function loaded(): Promise<Loaded> {
  return Promise.resolve({ state: {} as ElementState, readOnly: Promise.resolve(undefined) });
}

describe('fs: state shared between the steps of one open', () => {
  it('is shared until the content read drops it; the next open reads the server again', () => {
    const handover = new StateHandover(() => 0, () => 1_000);
    const loading = loaded();
    handover.put('k', loading, handover.mark());
    assert.equal(handover.get('k'), loading);
    assert.equal(handover.get('k'), loading, 'stat and readFile both get it');
    handover.drop('k', loading);
    assert.equal(handover.get('k'), undefined);
  });

  it('is void once the extension sent a state-changing request after the read began', () => {
    let changes = 3;
    const handover = new StateHandover(() => changes, () => 1_000);
    handover.put('k', loaded(), handover.mark());
    changes = 4;
    assert.equal(handover.get('k'), undefined);
  });

  it('is void a few seconds after the read began', () => {
    let now = 1_000;
    const handover = new StateHandover(() => 0, () => now);
    handover.put('k', loaded(), handover.mark());
    now += HANDOVER_MS + 1;
    assert.equal(handover.get('k'), undefined);
  });

  it('is not shared once its read failed, and a drop of an older read leaves a newer one', async () => {
    const handover = new StateHandover(() => 0, () => 1_000);
    const failing = Promise.reject(new Error('gone'));
    handover.put('k', failing, handover.mark());
    await assert.rejects(failing);
    await new Promise((r) => setImmediate(r));
    assert.equal(handover.get('k'), undefined);
    const newer = loaded();
    handover.put('k', newer, handover.mark());
    handover.drop('k', failing);
    assert.equal(handover.get('k'), newer);
  });
});

// Instance filters survive a restart: the store keeps them in the workspace state (a vscode.Memento), and a
// new store made from the same Memento, as activation makes one, has them back.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { describeFilter, FILTERS_STATE_KEY, FilterStore } from '../../src/tree/filters';

/** The workspace state as VS Code keeps it between sessions: values that went through JSON. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, string>();

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string, defaultValue?: T): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? defaultValue : (JSON.parse(text) as T);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.stringify(value));
    }
  }
}

const permit = { org: 'ttd', app: 'building-permit' };
const report = { org: 'ttd', app: 'income-report' };

describe('Instance filters in the workspace state', () => {
  it('restores each app filter per environment after a restart', async () => {
    const state = new MemoryMemento();
    const before = new FilterStore(state);
    await before.set('env-a', permit, { state: 'active', currentTask: 'Task_2' });
    await before.set('env-b', permit, { ownerPartyId: '500000', changedFrom: '2026-01-01' });

    const after = new FilterStore(state);
    assert.deepEqual(after.get('env-a', permit), { state: 'active', currentTask: 'Task_2' });
    assert.deepEqual(after.get('env-b', permit), { ownerPartyId: '500000', changedFrom: '2026-01-01' });
    assert.deepEqual(after.get('env-a', report), {}, 'another app has no filter');
    // What the app node shows in its description.
    assert.match(describeFilter(after.get('env-a', permit)), /Task_2/);
    assert.match(describeFilter(after.get('env-b', permit)), /500000/);
  });

  it('restores a kept search with owner number, confirmation, both ranges and text', async () => {
    const state = new MemoryMemento();
    const search = { ownerNumber: '01017512345', confirmation: 'notConfirmed', createdFrom: '2026-01-01', changedTo: '2026-02-01', searchString: 'Nordmann' } as const;
    await new FilterStore(state).set('env-a', permit, search);
    assert.deepEqual(new FilterStore(state).get('env-a', permit), search);
    // The person number is masked as in the rows (altinn.maskOwnerIds, on by default); the app's tooltip gives it in full.
    assert.equal(describeFilter(search), 'owner 010175••••• · not confirmed · created 2026-01-01 – … · changed … – 2026-02-01 · “Nordmann”');
    assert.equal(describeFilter(search, true), 'owner 01017512345 · not confirmed · created 2026-01-01 – … · changed … – 2026-02-01 · “Nordmann”');
  });

  it('clearing a filter removes its stored entry, and the key once none is left', async () => {
    const state = new MemoryMemento();
    const store = new FilterStore(state);
    await store.set('env-a', permit, { state: 'archived' });
    await store.set('env-a', report, { currentTask: 'Task_1' });

    await store.set('env-a', permit, {});
    assert.deepEqual(Object.keys(state.get<Record<string, unknown>>(FILTERS_STATE_KEY) ?? {}), ['env-a:ttd/income-report']);
    assert.deepEqual(new FilterStore(state).get('env-a', permit), {});

    await store.set('env-a', report, { currentTask: '' });
    assert.equal(state.get(FILTERS_STATE_KEY), undefined);
    assert.deepEqual(state.keys(), []);
  });

  it('keeps only what a filter can hold from stored state', async () => {
    const state = new MemoryMemento();
    await state.update(FILTERS_STATE_KEY, {
      'env-a:ttd/building-permit': { state: 'paused', currentTask: 7, ownerPartyId: '501337', extra: 'x' },
      'env-a:ttd/income-report': 'not a filter',
      'env-a:digdir/simple-form': { state: 'bogus' },
    });
    const store = new FilterStore(state);
    assert.deepEqual(store.get('env-a', permit), { ownerPartyId: '501337' });
    assert.deepEqual(store.get('env-a', report), {});
    assert.deepEqual(store.get('env-a', { org: 'digdir', app: 'simple-form' }), {});
  });

  it('starts empty when the stored state is not a record', async () => {
    const state = new MemoryMemento();
    await state.update(FILTERS_STATE_KEY, ['env-a:ttd/building-permit']);
    assert.deepEqual(new FilterStore(state).get('env-a', permit), {});
  });
});

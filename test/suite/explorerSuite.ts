// The hooks the explorer's command suites share: one fixture for the suite, fresh scripted prompts for each test,
// and after each test no dialog the test did not expect. A suite adds its own hooks for anything more.
import * as assert from 'node:assert/strict';
import { startExplorerFixture, type ExplorerFixture } from './explorerFixture';
import { ScriptedPrompts } from './scriptedPrompts';

export interface ExplorerSuite {
  /** The suite's fixture (set in `before`). */
  readonly fx: ExplorerFixture;
  /** This test's prompts (set in `beforeEach`). */
  readonly dialogs: ScriptedPrompts;
}

/** Registers the hooks in the calling `describe`; read `fx` and `dialogs` inside tests and hooks only. */
export function useExplorerSuite(opts: Parameters<typeof startExplorerFixture>[0] = {}): ExplorerSuite {
  let fx: ExplorerFixture | undefined;
  let dialogs: ScriptedPrompts | undefined;
  before(async () => {
    fx = await startExplorerFixture(opts);
  });
  after(async () => {
    await fx?.close();
  });
  beforeEach(() => {
    dialogs = new ScriptedPrompts(fx!.api);
  });
  afterEach(() => {
    dialogs?.dispose();
    assert.deepEqual(dialogs?.unexpected, [], 'every dialog was expected');
  });
  return {
    get fx() {
      assert.ok(fx, 'the suite fixture is started in before()');
      return fx;
    },
    get dialogs() {
      assert.ok(dialogs, 'the prompts are made in beforeEach()');
      return dialogs;
    },
  };
}

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Instance } from '../../src/api';
import type { OverviewPanel } from '../../src/overview/panel';
import type { InstanceNode } from '../../src/tree/nodes';
import { children, isApp, isEnv, isInstanceNode, startExplorerFixture, walk, type ExplorerFixture } from './explorerFixture';
import { ScriptedPrompts } from './scriptedPrompts';

// The overview's diagram is checked as drawn: the page reads the marker classes back from the SVG bpmn-js
// rendered (src/webview/overview/main.ts drawnMarkers), not from the model the extension sent it.
describe('Instance overview (a webview, against the emulator)', () => {
  let fx: ExplorerFixture;
  let dialogs: ScriptedPrompts;

  before(async () => {
    fx = await startExplorerFixture();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fx?.close();
  });
  beforeEach(() => {
    dialogs = new ScriptedPrompts(fx.api);
  });
  afterEach(() => {
    dialogs.dispose();
    assert.deepEqual(dialogs.unexpected, [], 'every dialog was expected');
  });

  async function createAtTask2(): Promise<InstanceNode> {
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    dialogs.type('501337');
    dialogs.pick('Type prefill JSON').type('{"applicant": "Sophie Salt"}');
    dialogs.pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', app);
    assert.ok(instance, `created: ${dialogs.errors().join('; ')}`);
    await fx.api.tree.refresh(app);
    const node = (await children(fx.api, app)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === instance.id);
    assert.ok(node);
    dialogs.pick('Move on');
    await vscode.commands.executeCommand('altinn.processNext', node);
    assert.equal(fx.emulator.store.getInstance(instance.id)?.process?.currentTask?.elementId, 'Task_2');
    return node;
  }

  async function open(node: InstanceNode): Promise<OverviewPanel> {
    const panel = await vscode.commands.executeCommand<OverviewPanel>('altinn.showInstanceOverview', node);
    assert.ok(panel?.lastDrawn, `opened: ${dialogs.errors().join('; ')}`);
    assert.equal(panel.lastDrawn.error, undefined);
    return panel;
  }

  it('draws Task_1 as passed and Task_2 as current; Process next from it moves the instance once', async () => {
    const node = await createAtTask2();
    const panel = await open(node);
    const drawn = panel.lastDrawn!;
    assert.deepEqual(drawn.markers.Task_1, ['passed']);
    assert.deepEqual(drawn.markers.Task_2, ['current']);
    assert.deepEqual(drawn.markers.StartEvent_1, [], 'the start event is drawn, unmarked');
    assert.ok(drawn.buttons.includes('action:processNext'), drawn.buttons.join(', '));

    const before = fx.emulator.store.stats.processNextCount[node.instance.id];
    const redrawn = new Promise<void>((resolve) => {
      const sub = panel.onDidDraw(() => {
        sub.dispose();
        resolve();
      });
    });
    dialogs.pick('Confirm');
    await panel.press('action:processNext');
    await redrawn;
    assert.deepEqual(dialogs.errors(), []);
    assert.equal(fx.emulator.store.stats.processNextCount[node.instance.id], before + 1, 'one move');
    assert.ok(fx.emulator.store.getInstance(node.instance.id)?.process?.ended, 'Task_2 confirmed: the process ended');
    const after = panel.lastDrawn!;
    assert.deepEqual(after.markers.Task_1, ['passed']);
    assert.deepEqual(after.markers.Task_2, ['passed'], 'the overview shows the new state');
    // Archived and not yet confirmed by ttd: confirming complete is the one thing left.
    assert.deepEqual(after.buttons.filter((b) => b.startsWith('action:')), ['action:confirmComplete']);
  });

  it('tells the timeline in words: task names from the BPMN, who as the org, the app\'s events too', async () => {
    const node = await createAtTask2();
    const panel = await open(node);
    // Read from the page's DOM (src/webview/overview/main.ts), newest first; the building-permit BPMN names
    // Task_1 "Utfylling" and Task_2 "Bekreftelse"; the fixture's org environment acts as ttd.
    const text = panel.lastDrawn!.timeline.join('\n');
    for (const sentence of [
      'Moved to Bekreftelse (Task_2) by ttd',
      'Utfylling (Task_1) finished by ttd',
      'Moved to Utfylling (Task_1) by ttd',
      'Process started by ttd',
      'Instance created by ttd',
      'App: moved to Bekreftelse (Task_2)',
      'App: instance created',
    ]) {
      assert.ok(text.includes(sentence), `"${sentence}" in:\n${text}`);
    }
    assert.doesNotMatch(text, /process_|app\.instance|App event/, 'no raw event types');
    const i = (s: string) => panel.lastDrawn!.timeline.findIndex((l) => l.includes(s));
    assert.ok(i('Moved to Bekreftelse') < i('Utfylling (Task_1) finished'), 'newest first, a task ends before the next starts');
  });

  it('offers no actions on an archived instance the org has confirmed', async () => {
    const node = await createAtTask2();
    dialogs.pick('Confirm');
    await vscode.commands.executeCommand('altinn.processNext', node);
    dialogs.confirm('Confirm complete'); // asked always: a confirmation cannot be taken back (src/commands/instances.ts)
    await vscode.commands.executeCommand('altinn.confirmComplete', node);
    assert.deepEqual(dialogs.errors(), []);
    assert.equal(fx.emulator.store.getInstance(node.instance.id)?.status?.isArchived, true);
    assert.deepEqual(fx.emulator.store.getInstance(node.instance.id)?.completeConfirmations?.map((c) => c.stakeholderId), ['ttd'], 'confirmed by ttd');
    const panel = await open(node);
    assert.deepEqual(panel.lastDrawn!.buttons.filter((b) => b.startsWith('action:')), []);
    assert.ok(panel.lastDrawn!.buttons.includes('link:curl'), 'the links are still there');
  });

  it('opens a data element and copies a cURL without the token, from its buttons', async () => {
    const node = await createAtTask2();
    const panel = await open(node);
    const model = node.instance.data?.find((d) => d.dataType === 'model');
    assert.ok(model);
    await panel.press(`data:${model.id}`);
    assert.deepEqual(dialogs.errors(), []);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'altinn', 'the form data opened in an editor');
    assert.match(editor.document.getText(), /Sophie Salt/);

    await panel.press('link:curl');
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /^curl .*\$ALTINN_TOKEN.*\/instances\/\d+\/[0-9a-f-]{36}'?$/);
    assert.ok(!/Bearer ey/.test(copied), 'no token on the clipboard');
  });

  it('follows a change made from the tree', async () => {
    const node = await createAtTask2();
    const panel = await open(node);
    assert.deepEqual(panel.lastDrawn!.markers.Task_2, ['current']);
    const redrawn = new Promise<void>((resolve) => {
      const sub = panel.onDidDraw((r) => {
        if (r.markers.Task_2?.includes('passed')) {
          sub.dispose();
          resolve();
        }
      });
    });
    dialogs.pick('Confirm');
    await vscode.commands.executeCommand('altinn.processNext', node);
    await redrawn;
    assert.deepEqual(panel.lastDrawn!.markers.Task_2, ['passed']);
  });
});

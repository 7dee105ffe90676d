// "Which instance?" from the palette (issue 14): Go to instance by short id, guid or URL, for the app owner ttd
// and app user 1337, and palette commands offering recent instances first; effects checked on the emulator.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Instance } from '../../src/api';
import { browserUrl } from '../../src/overview/links';
import type { AltinnNode, AppNode, InstanceNode } from '../../src/tree/nodes';
import type { Store } from '../emulator/store';
import { children, isApp, isEnv, isInstanceNode, walk } from './explorerFixture';

const shortId = (instance: Pick<Instance, 'id'>) => instance.id.split('/')[1].slice(0, 8);
const live = (i: { status?: { isSoftDeleted?: boolean; isHardDeleted?: boolean } }) => !i.status?.isSoftDeleted && !i.status?.isHardDeleted;
import { useExplorerSuite } from './explorerSuite';

describe('Go to instance and instance picks from the palette (ttd and 1337, against the emulator)', () => {
  const suite = useExplorerSuite();
  beforeEach(async () => {
    // Nothing shown in the tree is known until a test walks to it.
    await suite.fx.api.refresh();
  });

  /** Runs Go to instance from the palette (no node) and returns the app node the instance was shown first under. */
  async function goTo(env: string, text: string): Promise<void> {
    suite.dialogs.pick(env).type(text);
    await vscode.commands.executeCommand('altinn.goToInstance');
    assert.deepEqual(suite.dialogs.refused, [], 'the input box takes the text');
    assert.deepEqual(suite.dialogs.errors(), []);
  }

  async function firstUnder(app: AltinnNode): Promise<InstanceNode> {
    const first = (await children(suite.fx.api, app))[0];
    assert.ok(isInstanceNode(first), 'an instance first under the app');
    return first;
  }

  function ownerApp(appId: string): Promise<AltinnNode> {
    return walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp(appId));
  }

  async function userApp(partyId: string, appId: string): Promise<AltinnNode> {
    const party = (await children(suite.fx.api, await walk(suite.fx.api, isEnv(suite.fx.userEnv)))).find((p) => p.context.partyId === partyId);
    assert.ok(party, `party ${partyId}`);
    const app = (await children(suite.fx.api, party)).find(isApp(appId));
    assert.ok(app, `${appId} under party ${partyId}`);
    return app;
  }

  it('ttd: goes to the short id a tree row shows, without naming the app', async () => {
    const app = await ownerApp('ttd/building-permit');
    const target = (await children(suite.fx.api, app)).filter(isInstanceNode)[5].instance;
    await goTo('Emulator (ttd)', shortId(target));
    assert.deepEqual(suite.dialogs.prompts, ['Altinn environment', 'Instance id (partyId/guid), guid, short id (its first 8 characters) or URL'], 'no app is asked for');
    assert.equal((await firstUnder(app)).instance.id, target.id);
  });

  it('ttd: goes to a bare guid the extension has never shown (Storage reads it by guid alone)', async () => {
    const target = suite.fx.emulator.store.listInstances('ttd/income-report').filter(live).at(-1);
    assert.ok(target);
    const guid = target.id.split('/')[1];
    await goTo('Emulator (ttd)', guid.toUpperCase());
    // Altinn/altinn-storage src/Storage/Controllers/InstancesController.cs GetByGuid (docs/altinn-behaviour.md §2.2)
    assert.ok(suite.fx.emulator.store.stats.recent.includes(`GET /storage/api/v1/instances/${guid}`), 'read by guid');
    assert.equal((await firstUnder(await ownerApp('ttd/income-report'))).instance.id, target.id);
  });

  it('ttd: a short id nobody has shown is a clear error that says what to enter instead', async () => {
    const target = suite.fx.emulator.store.listInstances('ttd/income-report').filter(live).at(-2);
    assert.ok(target);
    suite.dialogs.pick('Emulator (ttd)').type(shortId(target));
    await vscode.commands.executeCommand('altinn.goToInstance');
    assert.deepEqual(suite.dialogs.errors(), [
      `No instance known with id starting ${shortId(target)}. Storage cannot search by the start of an id: enter the whole id (partyId/guid), the guid, or the instance's URL.`,
    ]);
  });

  it('ttd: an ambiguous short id is put to the user as a pick, never guessed', async () => {
    const app = await ownerApp('ttd/building-permit');
    const original = (await children(suite.fx.api, app)).filter(isInstanceNode)[2].instance;
    // Altinn's guids are random, so two sharing 8 characters are rare: the store is given such a twin directly.
    const store = suite.fx.emulator.store as Store;
    const source = store.get(original.id);
    assert.ok(source);
    const twinId = `${original.instanceOwner.partyId}/${shortId(original)}${randomUUID().slice(8)}`;
    const wire = { ...structuredClone(source.wire), id: twinId, data: [] };
    store.insert({ seq: store.allocateSeq(), lastChangedMs: Date.now(), wire, events: [], history: [] });
    await suite.fx.api.tree.refresh(app);
    assert.ok((await children(suite.fx.api, app)).some((n) => isInstanceNode(n) && n.instance.id === twinId), 'both are shown');

    let offered: string[] = [];
    suite.dialogs.pick('Emulator (ttd)').type(shortId(original)).pickWith((items) => {
      offered = items.map((i) => i.detail ?? '');
      return items.find((i) => i.detail?.includes(twinId));
    });
    await vscode.commands.executeCommand('altinn.goToInstance');
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.equal(suite.dialogs.prompts.at(-1), `2 instances have an id starting ${shortId(original)}`);
    assert.deepEqual(offered.map((d) => d.split(' · ')[1]).sort(), [original.id, twinId].sort());
    assert.equal((await firstUnder(app)).instance.id, twinId);
  });

  it("1337: goes to the app's own UI URL, shown under the owner's party", async () => {
    const target = suite.fx.emulator.store.listInstances('ttd/building-permit').filter((i) => live(i) && i.instanceOwner.partyId === '501337').at(-1);
    assert.ok(target);
    const url = browserUrl(suite.fx.api.registry.get(suite.fx.userEnv)!.environment!.appBaseUrl('ttd/building-permit'), target.id);
    await goTo('Emulator (1337)', url);
    const first = await firstUnder(await userApp('501337', 'ttd/building-permit'));
    assert.equal(first.instance.id, target.id);
    assert.equal(first.parent?.parent?.context.partyId, '501337');
  });

  it("1337: finds a short id nobody has shown among the parties' instances, and a bare guid", async () => {
    const ofParty = suite.fx.emulator.store.listInstances().filter((i) => live(i) && i.instanceOwner.partyId === '500000');
    assert.ok(ofParty.length >= 2, 'the seed gives DDG Fitness AS instances');
    await goTo('Emulator (1337)', shortId(ofParty[0]));
    assert.equal((await firstUnder(await userApp('500000', ofParty[0].appId))).instance.id, ofParty[0].id);

    await suite.fx.api.refresh();
    await goTo('Emulator (1337)', ofParty[1].id.split('/')[1]);
    assert.equal((await firstUnder(await userApp('500000', ofParty[1].appId))).instance.id, ofParty[1].id);
  });

  it("refuses an instance of another app when a command runs in an app's context", async () => {
    const incomeReport = await ownerApp('ttd/income-report');
    const other = suite.fx.emulator.store.listInstances('ttd/building-permit').filter(live)[0];
    // Recent instances of income-report may be offered first; the id is entered either way.
    suite.dialogs.pickWith((items) => items.find((i) => i.label === 'Enter an id or URL…')).type(other.id);
    const answer = await vscode.commands.executeCommand('altinn.showInstanceJson', incomeReport);
    assert.equal(answer, undefined);
    assert.deepEqual(suite.dialogs.errors(), [`Instance ${other.id} belongs to ttd/building-permit, not ttd/income-report.`]);
  });

  it('offers an instance whose data is open in an editor', async () => {
    // An editor opened outside the extension's commands (e.g. restored with the window) is "open", not recent.
    const instance = suite.fx.emulator.store.listInstances('ttd/building-permit').find((i) => live(i) && i.data.some((d) => d.dataType === 'model'));
    assert.ok(instance);
    const model = instance.data.find((d) => d.dataType === 'model')!;
    const [partyId, guid] = instance.id.split('/');
    const uri = vscode.Uri.from({ scheme: 'altinn', authority: suite.fx.orgEnv, path: `/ttd/building-permit/${partyId}/${guid}/${model.id}/model.xml` });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    try {
      let rows: vscode.QuickPickItem[] = [];
      suite.dialogs.pick('Emulator (ttd)').pickWith((items) => {
        rows = [...items];
        return items.find((i) => i.detail?.includes(instance.id));
      });
      const json = await vscode.commands.executeCommand<vscode.Uri>('altinn.showInstanceJson');
      assert.deepEqual(suite.dialogs.errors(), []);
      assert.equal(rows.find((r) => r.detail?.includes(instance.id))?.detail, `ttd/building-permit · ${instance.id} · open in an editor`);
      assert.equal((JSON.parse((await vscode.workspace.openTextDocument(json)).getText()) as Instance).id, instance.id);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('a palette Process next offers recent instances first and moves the one picked', async () => {
    const app = (await ownerApp('ttd/income-report')) as AppNode;
    const node = (await children(suite.fx.api, app)).find(
      (n): n is InstanceNode => isInstanceNode(n) && n.instance.process?.currentTask?.elementId === 'Task_1' && live(n.instance),
    );
    assert.ok(node, 'an instance at Task_1');
    // Working on it (here: its JSON) makes it the most recent.
    await vscode.commands.executeCommand('altinn.showInstanceJson', node);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const treeLabel = node.getTreeItem().label;

    let rows: vscode.QuickPickItem[] = [];
    suite.dialogs
      .pick('Emulator (ttd)')
      .pickWith((items) => {
        rows = [...items];
        return items[0];
      })
      .pick('Move on');
    await vscode.commands.executeCommand('altinn.processNext');
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.equal(suite.dialogs.prompts[1], 'Instance', 'the recent pick comes before any input box');
    assert.match(rows[0].detail ?? '', new RegExp(node.instance.id), 'the instance worked on last is first');
    assert.equal(rows[0].label, treeLabel, 'the row reads like the tree row (before the move)');
    assert.equal(rows.at(-1)?.label, 'Enter an id or URL…');
    assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.process?.currentTask?.elementId, 'Task_2', 'the emulator moved it');
    assert.equal(suite.fx.emulator.store.stats.processNextCount[node.instance.id], 1);
  });
});

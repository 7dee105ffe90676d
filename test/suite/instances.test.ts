import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { parseAppId, type Instance } from '../../src/api';
import type { AltinnNode, InstanceNode } from '../../src/tree/nodes';
import { children, contextValue, isApp, isEnv, isInstanceNode, walk } from './explorerFixture';
import { mentioning, requestsDuring } from './requestCount';
import { useExplorerSuite } from './explorerSuite';

describe('Instance commands (against the emulator, checked on its store)', () => {
  // Registered before the shared hooks, so it runs even when they find an unexpected dialog.
  afterEach(() => {
    suite.fx.emulator.faults.reset();
    assert.deepEqual(suite.dialogs.refused, [], 'no input was refused');
  });
  const suite = useExplorerSuite();

  async function appNode(envPath: (n: AltinnNode) => boolean, ...rest: (string | ((n: AltinnNode) => boolean))[]): Promise<AltinnNode> {
    return walk(suite.fx.api, envPath, ...rest);
  }

  async function instanceNode(app: AltinnNode, id: string): Promise<InstanceNode> {
    await suite.fx.api.tree.refresh(app);
    const node = (await children(suite.fx.api, app)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === id);
    assert.ok(node, `instance ${id} is in the tree`);
    return node;
  }

  async function createAsTtd(partyId: string): Promise<{ app: AltinnNode; instance: Instance }> {
    const app = await appNode(isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    suite.dialogs.type(partyId).pick('No prefill').pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', app);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.ok(instance, 'the command returns the new instance');
    return { app, instance };
  }

  it('creates an instance for an owner given by party id', async () => {
    const before = suite.fx.emulator.store.stats.instancesCreated;
    const { app, instance } = await createAsTtd('501337');
    const stored = suite.fx.emulator.store.getInstance(instance.id);
    assert.ok(stored, 'the emulator holds the new instance');
    assert.equal(stored.instanceOwner.partyId, '501337');
    assert.equal(stored.process?.currentTask?.elementId, 'Task_1');
    assert.equal(suite.fx.emulator.store.stats.instancesCreated, before + 1);
    const first = (await children(suite.fx.api, app))[0];
    assert.ok(isInstanceNode(first) && first.instance.id === instance.id, 'the new instance shows first under its app');
  });

  it('creates an instance by person number with prefill and an initial attachment', async () => {
    const app = await appNode(isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const file = vscode.Uri.joinPath(vscode.Uri.file(os.tmpdir()), `drawing-${Date.now()}.png`);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await vscode.workspace.fs.writeFile(file, png);
    suite.dialogs
      .type('01039012345')
      .pick('Type prefill JSON')
      .type('{"applicant": "Sophie Salt"}')
      .pick('drawing')
      .openFile(file);
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', app);
    assert.deepEqual(suite.dialogs.errors(), []);
    const stored = suite.fx.emulator.store.getInstance(instance.id);
    assert.ok(stored);
    assert.equal(stored.instanceOwner.partyId, '501337', 'person number 01039012345 is party 501337');
    const drawing = stored.data?.find((d) => d.dataType === 'drawing');
    assert.ok(drawing, 'the initial file became a drawing element');
    assert.deepEqual(suite.fx.emulator.store.getDataBytes(drawing.id), png);
    const model = stored.data?.find((d) => d.dataType === 'model');
    assert.ok(model, 'the form data element exists');
    assert.match(suite.fx.emulator.store.getDataBytes(model.id)?.toString('utf8') ?? '', /Sophie Salt/, 'prefill reached the form data');
  });

  it('refuses an owner that is not a number before sending anything', async () => {
    const app = await appNode(isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const before = suite.fx.emulator.store.stats.instancesCreated;
    suite.dialogs.type('9918 2582');
    await vscode.commands.executeCommand('altinn.createInstance', app);
    assert.equal(suite.dialogs.refused.length, 1);
    assert.match(suite.dialogs.refused[0], /digits only/);
    assert.deepEqual(suite.dialogs.errors(), [], 'giving up is silent');
    assert.equal(suite.fx.emulator.store.stats.instancesCreated, before);
    suite.dialogs.refused.length = 0;
  });

  it('lets app user 1337 create an instance for the organisation party 500000', async () => {
    const party = await walk(suite.fx.api, isEnv(suite.fx.userEnv), (n) => n.context.partyId === '500000');
    suite.dialogs.pick('Income report').pick('DDG Fitness AS').pick('No prefill').pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', party);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.equal(suite.fx.emulator.store.getInstance(instance.id)?.instanceOwner.partyId, '500000');
    assert.equal(suite.fx.emulator.store.getInstance(instance.id)?.appId, 'ttd/income-report');
  });

  it("offers app user 1337 the app's parties, sub-units included, and only those the app allows", async () => {
    // docs/altinn-behaviour.md §3: {org}/{app}/api/v1/parties?allowedToInstantiateFilter=true, sub-units flattened.
    const own = await walk(suite.fx.api, isEnv(suite.fx.userEnv), (n) => n.context.partyId === '501337');
    let offered: string[] = [];
    const choose = (label: string) => (items: readonly vscode.QuickPickItem[]) => {
      offered = items.map((i) => i.label);
      return items.find((i) => i.label === label);
    };
    suite.dialogs.pick('Income report').pickWith(choose('DDG Fitness Oslo')).pick('No prefill').pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', own);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.deepEqual(offered, ['Sophie Salt', 'DDG Fitness AS', 'DDG Fitness Oslo', 'Enter a number…']);
    assert.equal(suite.fx.emulator.store.getInstance(instance.id)?.instanceOwner.partyId, '500001');

    // digdir/photo-contest allows persons only: neither the organisation nor its sub-unit is offered.
    suite.dialogs.pick('Photo contest').pickWith(choose('none'));
    await vscode.commands.executeCommand('altinn.createInstance', own);
    assert.deepEqual(offered, ['Sophie Salt', 'Enter a number…']);
  });

  it('sets a substatus', async () => {
    const { app, instance } = await createAsTtd('512345');
    const node = await instanceNode(app, instance.id);
    suite.dialogs.type('Under review').type('The case officer is looking at it');
    await vscode.commands.executeCommand('altinn.setSubstatus', node);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.deepEqual(suite.fx.emulator.store.getInstance(instance.id)?.status?.substatus, { label: 'Under review', description: 'The case officer is looking at it' });
    assert.match(String((await instanceNode(app, instance.id)).getTreeItem().description), /Under review/);
  });

  it('shows the instance Altinn returns after a substatus or a complete confirmation, without fetching it again', async () => {
    const { app, instance } = await createAsTtd('512345');
    const node = await instanceNode(app, instance.id);
    const guid = instance.id.split('/')[1];
    suite.dialogs.type('Waiting for documents').type('');
    const substatus = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.setSubstatus', node));
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.deepEqual(substatus.requests, [`PUT /ttd/building-permit/instances/${instance.id}/substatus`], 'one request: the change itself');
    assert.match(String(node.getTreeItem().description), /Waiting for documents/, 'the node shows the returned instance');

    suite.dialogs.confirm('Confirm complete');
    const complete = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.confirmComplete', node));
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.deepEqual(complete.requests, [`POST /ttd/building-permit/instances/${instance.id}/complete`]);
    assert.equal(node.instance.completeConfirmations?.length, 1, 'the node holds the returned confirmation');
    assert.match(contextValue(node), /(^|;)confirmed(;|$)/);
  });

  it('soft-deletes two selected instances after a modal confirmation, then hard-deletes one', async () => {
    const a = await createAsTtd('501337');
    const b = await createAsTtd('501337');
    const nodeA = await instanceNode(a.app, a.instance.id);
    const nodeB = await instanceNode(a.app, b.instance.id);

    suite.dialogs.pick('Soft delete').confirm('Delete');
    await vscode.commands.executeCommand('altinn.deleteInstance', nodeA, [nodeA, nodeB]);
    assert.deepEqual(suite.dialogs.errors(), []);
    const modal = suite.dialogs.messages.find((m) => m.level === 'warning');
    assert.ok(modal && /2 instance/.test(modal.text), 'one confirmation names both');
    assert.equal(suite.fx.emulator.store.getInstance(a.instance.id)?.status?.isSoftDeleted, true);
    assert.equal(suite.fx.emulator.store.getInstance(b.instance.id)?.status?.isSoftDeleted, true);

    const again = await instanceNode(a.app, a.instance.id);
    suite.dialogs.pick('Hard delete').confirm('Delete permanently');
    await vscode.commands.executeCommand('altinn.deleteInstance', again);
    const hard = suite.fx.emulator.store.getInstance(a.instance.id);
    assert.ok(!hard || hard.status?.isHardDeleted, 'hard delete removes the instance');
  });

  it('does nothing when the delete confirmation is dismissed', async () => {
    const { app, instance } = await createAsTtd('501337');
    const node = await instanceNode(app, instance.id);
    suite.dialogs.pick('Soft delete').confirm(undefined as unknown as string);
    await vscode.commands.executeCommand('altinn.deleteInstance', node);
    assert.deepEqual(suite.dialogs.errors(), [], 'cancelling is silent');
    assert.equal(suite.fx.emulator.store.getInstance(instance.id)?.status?.isSoftDeleted ?? false, false);
  });

  it('restores a soft-deleted instance from the tree (shown on deleted instances only)', async () => {
    const { app, instance } = await createAsTtd('501337');
    const live = await instanceNode(app, instance.id);
    assert.doesNotMatch(contextValue(live), /^instance;deleted;/, 'Restore is not offered on a live instance');
    suite.dialogs.pick('Soft delete').confirm('Delete');
    await vscode.commands.executeCommand('altinn.deleteInstance', live);
    assert.match(suite.dialogs.warnings.join('\n'), /can be restored with Restore Instance/);
    assert.equal(suite.fx.emulator.store.getInstance(instance.id)?.status?.isSoftDeleted, true);
    try {
      await suite.fx.api.services.filters.set(suite.fx.orgEnv, parseAppId('ttd/building-permit'), { state: 'deleted' });
      const deleted = await instanceNode(app, instance.id);
      assert.match(contextValue(deleted), /^instance;deleted;/, 'the tag the Restore menu entry matches');
      const restored = await vscode.commands.executeCommand<Instance[]>('altinn.restoreInstance', deleted);
      assert.deepEqual(suite.dialogs.errors(), []);
      assert.equal(restored?.[0]?.status?.isSoftDeleted, false);
      const stored = suite.fx.emulator.store.getInstance(instance.id);
      assert.equal(stored?.status?.isSoftDeleted, false);
      assert.equal(stored?.status?.softDeleted, undefined);
      const events = await suite.fx.api.registry.client(suite.fx.orgEnv).instances.events(instance, { eventTypes: ['Undeleted'] });
      assert.equal(events.length, 1, 'Storage records the restore');
    } finally {
      await suite.fx.api.services.filters.set(suite.fx.orgEnv, parseAppId('ttd/building-permit'), {});
    }
  });

  it('asks for the instance of a palette command one way for every command: recent ones first, else org/app/partyId/guid or partyId/guid', async () => {
    const { instance } = await createAsTtd('501337');

    // An instance command, named with its app (the instances worked on before are offered first).
    suite.dialogs.pick('Emulator (ttd)').pick('Enter an id or URL…').type(`ttd/building-permit/${instance.id}`);
    const json = await vscode.commands.executeCommand<vscode.Uri>('altinn.showInstanceJson');
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.ok(json, 'the instance JSON opened');
    assert.equal((JSON.parse((await vscode.workspace.openTextDocument(json)).getText()) as Instance).id, instance.id);

    // A data command, named by partyId/guid: Storage's copy names the app, so none is asked for
    // (docs/altinn-behaviour.md §2.2: GET instances/{partyId}/{guid} needs no app).
    suite.dialogs.pick('Emulator (ttd)').pick('Enter an id or URL…').type(instance.id).pick('model');
    const opened = await vscode.commands.executeCommand<vscode.Uri>('altinn.openDataElement');
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.ok(opened, 'the element opened');
    assert.match(opened.path, new RegExp(`/ttd/building-permit/${instance.id}/`));
    assert.ok(!suite.dialogs.prompts.includes('App'), 'no app is asked for');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('copies the instance id and URL, and shows the instance as read-only JSON', async () => {
    const { app, instance } = await createAsTtd('501337');
    const node = await instanceNode(app, instance.id);
    await vscode.commands.executeCommand('altinn.copyInstanceId', node);
    assert.equal(await vscode.env.clipboard.readText(), instance.id);
    await vscode.commands.executeCommand('altinn.copyInstanceUrl', node);
    assert.match(await vscode.env.clipboard.readText(), new RegExp(`/ttd/building-permit/instances/${instance.id}$`));

    const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.showInstanceJson', node);
    assert.equal(uri.scheme, 'altinn-json');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'json');
    assert.equal((JSON.parse(document.getText()) as Instance).id, instance.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

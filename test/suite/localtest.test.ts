// The extension's `localtest` environment kind against the emulator's localtest profile: app-localtest's
// nginx in front (apps, /Home/, /storage/) and localtest's own port for the rest of the platform, reached
// as http://local.altinn.cloud as a developer would (the name answered in this process, as a hosts file would).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AltinnExplorerApi } from '../../src/extension';
import type { DataElementNode, InstanceNode } from '../../src/tree/nodes';
import { startEmulator, type Emulator } from '../emulator';
import { resolveLocalAltinnCloud } from '../emulator/local-dns';
import { activateExplorer, children, contextValue, isApp, isDataElementNode, isEnv, isInstanceNode, label, waitFor, walk } from './explorerFixture';
import { ScriptedPrompts } from './scriptedPrompts';

const OWNER_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';

describe('Localtest environment kind (against the emulator as app-localtest)', () => {
  let api: AltinnExplorerApi;
  let emulator: Emulator;
  let restoreDns: () => void;
  let dialogs: ScriptedPrompts | undefined;
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const orgEnv = `lt-ttd-${suffix}`;
  const userEnv = `lt-1337-${suffix}`;
  const bareEnv = `lt-bare-${suffix}`;

  before(async () => {
    restoreDns = resolveLocalAltinnCloud();
    api = await activateExplorer();
    emulator = await startEmulator({ profile: 'localtest', seed: 'default' });
    const url = `http://local.altinn.cloud:${new URL(emulator.url).port}`;
    // localtest's own port is 5101 in real setups (the kind's default); the emulator's is ephemeral here.
    const platformUrl = `http://local.altinn.cloud:${new URL(emulator.platformUrl).port}`;
    const altinn = vscode.workspace.getConfiguration('altinn');
    await altinn.update('language', 'en', vscode.ConfigurationTarget.Global);
    await altinn.update(
      'environments',
      [
        { id: orgEnv, name: 'Localtest (ttd)', kind: 'localtest', url, platformUrl, autoSignIn: { testOrg: 'ttd', orgNumber: '405003309', scopes: OWNER_SCOPES } },
        { id: userEnv, name: 'Localtest (1337)', kind: 'localtest', url, platformUrl, autoSignIn: { testUser: 1337 } },
        { id: bareEnv, name: 'Localtest', kind: 'localtest', url, platformUrl },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await waitFor('both environments signed in', () => api.auth.getIdentity(orgEnv) !== undefined && api.auth.getIdentity(userEnv) !== undefined);
    await api.refresh();
  });
  after(async () => {
    for (const envId of [orgEnv, userEnv, bareEnv]) {
      await api?.auth.signOut(envId);
    }
    const altinn = vscode.workspace.getConfiguration('altinn');
    for (const key of ['environments', 'language']) {
      await altinn.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await emulator?.close();
    restoreDns?.();
  });
  afterEach(() => {
    dialogs?.dispose();
    dialogs = undefined;
  });

  it('signs in ttd with a localtest test token whose scopes are in urn:altinn:scope', () => {
    const identity = api.auth.getIdentity(orgEnv);
    assert.equal(identity?.kind, 'org');
    assert.deepEqual([...(identity?.scopes ?? [])].sort(), OWNER_SCOPES.split(' ').sort());
  });

  it('lists apps and instances and opens form data through nginx', async () => {
    const app = await walk(api, isEnv(orgEnv), 'ttd', isApp('ttd/building-permit'));
    assert.equal(label(app), 'Building permit');
    const instances = (await children(api, app)).filter(isInstanceNode) as InstanceNode[];
    assert.ok(instances.length > 0, 'Storage through nginx (/storage/) lists the instances');
    const withForm = instances.find((i) => i.instance.data?.some((d) => d.dataType === 'model'));
    assert.ok(withForm);
    const form = (await children(api, withForm)).filter(isDataElementNode).find((d) => (d as DataElementNode).dataElement.dataType === 'model');
    assert.ok(form);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('altinn.openDataElement', form);
    assert.ok(uri, 'opened');
    assert.match((await vscode.workspace.openTextDocument(uri)).getText(), /<BuildingPermit/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("shows test user 1337 the parties the app's api/v1/parties lists through nginx, sub-units included", async () => {
    const env = await walk(api, isEnv(userEnv));
    assert.match(contextValue(env), /identity-user/);
    const parties = (await children(api, env)).map((p) => p.context.partyId);
    assert.deepEqual([...parties].sort(), ['500000', '500001', '501337']);
  });

  it("says that localtest has no app events instead of failing on the Events API's 404", async () => {
    const app = await walk(api, isEnv(orgEnv), 'ttd', isApp('ttd/building-permit'));
    const node = (await children(api, app)).find(isInstanceNode);
    assert.ok(node);
    dialogs = new ScriptedPrompts(api);
    const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.showProcessHistory', node);
    assert.ok(uri, `shown: ${dialogs.messages.map((m) => m.text).join('; ')}`);
    const shown = JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as { appEvents: { note?: string; error?: string } };
    assert.equal(shown.appEvents.error, undefined);
    assert.match(shown.appEvents.note ?? '', /Localtest has no Events API/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("goes to a bare guid without GetByGuid: the user's parties are searched, the owner is told what to enter", async () => {
    // localtest reads instances by {partyId}/{guid} only (Altinn/app-localtest src/Controllers/Storage/InstancesController.cs).
    const created = await api.registry.client(userEnv).instances.create('ttd/income-report', { owner: { partyId: 501337 } });
    const guid = created.id.split('/')[1];
    await api.refresh();
    dialogs = new ScriptedPrompts(api).pick('Localtest (ttd)').type(guid);
    await vscode.commands.executeCommand('altinn.goToInstance');
    assert.deepEqual(dialogs.errors(), ["localtest cannot read an instance by its guid alone: enter partyId/guid, or the instance's URL."]);

    dialogs.pick('Localtest (1337)').type(guid);
    await vscode.commands.executeCommand('altinn.goToInstance');
    assert.deepEqual(dialogs.errors().slice(1), []);
    assert.deepEqual(dialogs.unexpected, []);
    const party = (await children(api, await walk(api, isEnv(userEnv)))).find((p) => p.context.partyId === '501337');
    assert.ok(party);
    const app = (await children(api, party)).find(isApp('ttd/income-report'));
    assert.ok(app);
    const first = (await children(api, app))[0];
    assert.ok(isInstanceNode(first) && first.instance.id === created.id, 'shown first under its party and app');
  });

  it('offers test users and organisations for sign-in, and no token exchange', async () => {
    let offered: string[] = [];
    dialogs = new ScriptedPrompts(api).pickWith((items) => {
      offered = items.map((i) => i.label);
      return undefined;
    });
    await vscode.commands.executeCommand('altinn.signIn', bareEnv);
    assert.deepEqual(offered, ['Test user', 'Test organisation', 'Paste an Altinn token']);
  });
});

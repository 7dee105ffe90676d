// Issue 13: no accidental writes to live Altinn. Settings that decide where tokens go come from user
// settings only; production is marked and asks before a state change; confirm complete always asks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAppId, parseInstanceId, type Instance } from '../../src/api';
import type { InstanceNode } from '../../src/tree/nodes';
import { children, isApp, isDataElementNode, isEnv, isInstanceNode, waitFor, walk } from './explorerFixture';
import { setText } from './dataHarness';
import { mentioning, requestsDuring } from './requestCount';

const IGNORED = /ignores the Altinn environments defined in this workspace/;
import { useExplorerSuite } from './explorerSuite';

describe('Production safety (against the emulator, checked on its store)', () => {
  const altinn = () => vscode.workspace.getConfiguration('altinn');

  // Registered before the shared hooks, so it runs even when they find an unexpected dialog.
  afterEach(async () => {
    await altinn().update('confirmWritesInProduction', undefined, vscode.ConfigurationTarget.Global);
  });
  const suite = useExplorerSuite();

  async function newInstance(): Promise<InstanceNode> {
    suite.dialogs.type('501337').pick('No prefill').pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', await appNode());
    assert.ok(instance, `created: ${suite.dialogs.errors().join('; ')}`);
    return instanceNode(instance.id);
  }

  function appNode() {
    return walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
  }

  async function instanceNode(id: string): Promise<InstanceNode> {
    const app = await appNode();
    await suite.fx.api.tree.refresh(app);
    const node = (await children(suite.fx.api, app)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === id);
    assert.ok(node, 'the new instance is in the tree');
    return node;
  }

  /** Marks the service owner's emulator environment as production (the `production` flag of a setting). */
  async function flagProduction(on: boolean): Promise<void> {
    const envs = (altinn().inspect<{ id: string }[]>('environments')?.globalValue ?? []).map((e) => (e.id === suite.fx.orgEnv ? { ...e, production: on || undefined } : e));
    await altinn().update('environments', envs, vscode.ConfigurationTarget.Global);
    await waitFor('the registry sees the flag', () => (suite.fx.api.registry.get(suite.fx.orgEnv)?.setting.production ?? false) === on);
  }

  it('ignores a production environment from workspace settings: its server gets no request and no token, and the user is told why', async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url} auth=${req.headers.authorization ? 'yes' : 'no'}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs in a workspace folder');
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const settings = {
      'altinn.environments': [
        { id: 'ws-prod', name: 'Workspace production', kind: 'production', platformUrl: base, autoSignIn: { testOrg: 'ttd' } },
        { id: 'ws-custom', name: 'Workspace server', kind: 'custom', url: base, autoSignIn: { testUser: 1337 } },
      ],
      // A workspace-scoped setting beside them: once VS Code reports it, it has read the file.
      'altinn.instancesPageSize': 7,
    };
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(settings, null, 2)));
      await waitFor('VS Code has read the workspace settings', () => altinn().inspect('instancesPageSize')?.workspaceValue === 7);
      await waitFor('the user is told the workspace environments are ignored', () => suite.dialogs.warnings.some((w) => IGNORED.test(w)));
      const told = suite.dialogs.warnings.filter((w) => IGNORED.test(w));
      assert.equal(told.length, 1);
      assert.match(told[0], /\.vscode\/settings\.json/, 'names the file');
      assert.match(told[0], /sign-in tokens/, 'says why');

      assert.deepEqual(
        suite.fx.api.registry.list().map((e) => e.id).filter((id) => id.startsWith('ws-')),
        [],
        'no environment of the workspace is known',
      );
      await suite.fx.api.refresh();
      assert.deepEqual((await children(suite.fx.api)).filter((n) => n.context.envId?.startsWith('ws-')), [], 'none shows in the tree');
      await vscode.commands.executeCommand('altinn.signIn', 'ws-prod');
      assert.match(suite.dialogs.errors().join('\n'), /Unknown Altinn environment "ws-prod"/, 'a sign-in to it cannot start');
      assert.equal(await suite.fx.api.auth.getToken('ws-custom', { silent: true }).catch(() => undefined), undefined, 'no token for it');

      await suite.fx.api.workspaceEnvironments.check();
      assert.equal(suite.dialogs.warnings.filter((w) => IGNORED.test(w)).length, 1, 'told once');
      assert.deepEqual(seen, [], 'the workspace server received nothing');
    } finally {
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
      server.close();
    }
  });

  it('writes a pin to the workspace when the pins in force are the workspace’s, and to user settings otherwise', async () => {
    try {
      await altinn().update('pinnedOrgs', [`${suite.fx.orgEnv}:ttd`], vscode.ConfigurationTarget.Workspace);
      await suite.fx.api.services.pins.pinOrg(suite.fx.userEnv, 'ttd');
      assert.deepEqual(altinn().inspect('pinnedOrgs')?.workspaceValue, [`${suite.fx.orgEnv}:ttd`, `${suite.fx.userEnv}:ttd`]);
      assert.equal(altinn().inspect('pinnedOrgs')?.globalValue, undefined, 'user settings untouched');
      await altinn().update('pinnedOrgs', undefined, vscode.ConfigurationTarget.Workspace);
      await suite.fx.api.services.pins.pinOrg(suite.fx.userEnv, 'ttd');
      assert.deepEqual(altinn().inspect('pinnedOrgs')?.globalValue, [`${suite.fx.userEnv}:ttd`]);
      assert.equal(altinn().inspect('pinnedOrgs')?.workspaceValue, undefined);
    } finally {
      await altinn().update('pinnedOrgs', undefined, vscode.ConfigurationTarget.Workspace);
      await altinn().update('pinnedOrgs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('asks before confirming complete; dismissed, nothing is sent', async () => {
    const node = await newInstance();
    const guid = node.instance.id.split('/')[1];
    suite.dialogs.confirm(undefined);
    const dismissed = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.confirmComplete', node));
    assert.deepEqual(dismissed.requests, []);
    assert.deepEqual(suite.dialogs.errors(), [], 'cancelling is silent');
    assert.match(suite.dialogs.warnings.join('\n'), /Confirm 1 instance\(s\) complete\?/);
    assert.doesNotMatch(suite.dialogs.warnings.join('\n'), /Production/, 'not production here');

    suite.dialogs.confirm('Confirm complete');
    const done = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.confirmComplete', node));
    assert.deepEqual(done.requests, [`POST /ttd/building-permit/instances/${node.instance.id}/complete`]);
    assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.completeConfirmations?.length, 1);
  });

  it('in production, asks before process next, substatus, create, upload and data delete, unless altinn.confirmWritesInProduction is off', async () => {
    const node = await newInstance();
    const guid = node.instance.id.split('/')[1];
    try {
      await flagProduction(true);
      suite.dialogs.type('Under review').type('').confirm(undefined);
      const refused = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.setSubstatus', node));
      assert.deepEqual(refused.requests, [], 'dismissed: no substatus sent');
      assert.match(suite.dialogs.warnings.join('\n'), /^Production \(Emulator \(ttd\)\): Set the substatus of .* to "Under review"\?/m);

      suite.dialogs.pick('Move on').confirm(undefined);
      const stayed = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.processNext', node));
      assert.deepEqual(suite.dialogs.errors(), []);
      assert.match(suite.dialogs.warnings.join('\n'), /^Production \(Emulator \(ttd\)\): Move .* on from .*Task_1/m);
      assert.deepEqual(stayed.requests, [`GET /ttd/building-permit/instances/${node.instance.id}/process`], 'dismissed: read the process, moved nothing');

      const created = suite.fx.emulator.store.stats.instancesCreated;
      suite.dialogs.type('501337').pick('No prefill').pick('No initial data').confirm(undefined);
      await vscode.commands.executeCommand('altinn.createInstance', await appNode());
      assert.equal(suite.fx.emulator.store.stats.instancesCreated, created, 'dismissed: no instance created');
      assert.match(suite.dialogs.warnings.join('\n'), /^Production \(Emulator \(ttd\)\): Create an instance of ttd\/building-permit\?/m);

      const element = (await children(suite.fx.api, await instanceNode(node.instance.id))).find(isDataElementNode);
      assert.ok(element, 'the instance shows a data element');
      suite.dialogs.confirm('Delete').confirm(undefined);
      const kept = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.deleteDataElement', element));
      assert.deepEqual(kept.requests, [], 'dismissed: the element is not deleted');
      assert.match(suite.dialogs.warnings.join('\n'), /^Production \(Emulator \(ttd\)\): Delete .* from /m);

      const file = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'altinn-prod-')), 'plan.pdf'));
      fs.writeFileSync(file.fsPath, '%PDF-1.4\n%%EOF\n');
      suite.dialogs.confirm(undefined);
      const notUploaded = await requestsDuring(suite.fx.emulator, mentioning(guid), () => vscode.commands.executeCommand('altinn.uploadAttachment', node, [file]));
      assert.deepEqual(notUploaded.requests, [], 'dismissed: nothing uploaded');
      assert.match(suite.dialogs.warnings.join('\n'), /^Production \(Emulator \(ttd\)\): Upload files to /m);

      await altinn().update('confirmWritesInProduction', false, vscode.ConfigurationTarget.Global);
      const asked = suite.dialogs.warnings.length;
      suite.dialogs.type('Under review').type('');
      await vscode.commands.executeCommand('altinn.setSubstatus', node);
      assert.equal(suite.dialogs.warnings.length, asked, 'the setting off: no question');
      assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.status?.substatus?.label, 'Under review');
    } finally {
      await flagProduction(false);
    }
  });

  it('in production, asks before saving an Altinn editor; dismissed, nothing is sent and the editor stays dirty', async () => {
    const node = await newInstance();
    const guid = node.instance.id.split('/')[1];
    const element = node.instance.data?.find((d) => d.dataType === 'model');
    assert.ok(element, 'the instance has form data');
    const uri = suite.fx.api.data.uriFor({ envId: suite.fx.orgEnv, appId: parseAppId(node.instance.appId), instanceId: parseInstanceId(node.instance.id), dataId: element.id, fileName: 'model.xml' });
    const stored = () => suite.fx.emulator.store.getDataBytes(element.id)?.toString('utf8') ?? '';
    const permit = (applicant: string) => `<?xml version="1.0" encoding="utf-8"?>\n<BuildingPermit><applicant>${applicant}</applicant></BuildingPermit>`;
    try {
      await flagProduction(true);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await setText(document, permit('Prod Save'));

      suite.dialogs.confirm(undefined);
      const dismissed = await requestsDuring(suite.fx.emulator, mentioning(guid), async () => assert.equal(await document.save(), false, 'the save did not happen'));
      assert.deepEqual(dismissed.requests, [], 'dismissed: nothing sent');
      assert.equal(document.isDirty, true, 'the editor keeps the changes');
      assert.doesNotMatch(stored(), /Prod Save/);
      assert.match(suite.dialogs.warnings.join('\n'), /^Production \(Emulator \(ttd\)\): Save "model\.xml" to instance /m);

      suite.dialogs.confirm('Save');
      assert.equal(await document.save(), true, 'confirmed: saved');
      assert.match(stored(), /Prod Save/);

      await altinn().update('confirmWritesInProduction', false, vscode.ConfigurationTarget.Global);
      const asked = suite.dialogs.warnings.length;
      await setText(document, permit('Unasked'));
      assert.equal(await document.save(), true);
      assert.equal(suite.dialogs.warnings.length, asked, 'the setting off: no question');
      assert.match(stored(), /Unasked/);
    } finally {
      await flagProduction(false);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('marks a production environment in the tree: warning-coloured icon, "production" in its description and tooltip', async () => {
    const envItem = async () => (await walk(suite.fx.api, isEnv(suite.fx.orgEnv))).getTreeItem();
    const marked = (item: vscode.TreeItem) => /(^|;)production(;|$)/.test(String(item.contextValue));
    const before = await envItem();
    assert.equal(marked(before), false);
    assert.doesNotMatch(String(before.description), /production/);
    assert.equal((before.iconPath as vscode.ThemeIcon).color, undefined);
    try {
      await flagProduction(true);
      await waitFor('the tree shows the environment as production', async () => marked(await envItem()));
      const item = await envItem();
      assert.match(String(item.description), /^production · ttd \(405003309\)/, 'said in words, beside who is signed in');
      const icon = item.iconPath as vscode.ThemeIcon;
      assert.equal(icon.id, 'cloud', 'still says signed in');
      assert.equal(icon.color?.id, 'list.warningForeground', 'in the warning colour');
      assert.match((item.tooltip as vscode.MarkdownString).value, /Production: changes made here reach live Altinn/);
    } finally {
      await flagProduction(false);
    }
    await waitFor('unmarked again', async () => !marked(await envItem()));
  });

  it('shows the environment and identity of the active Altinn editor in the status bar, production marked', async () => {
    const node = await newInstance();
    const element = node.instance.data?.find((d) => d.dataType === 'model');
    assert.ok(element, 'the instance has form data');
    const uri = suite.fx.api.data.uriFor({ envId: suite.fx.orgEnv, appId: parseAppId(node.instance.appId), instanceId: parseInstanceId(node.instance.id), dataId: element.id, fileName: 'model.xml' });
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const status = suite.fx.api.environmentStatus;
      await waitFor('the status shows the environment', () => status.shownEnvId === suite.fx.orgEnv);
      assert.match(status.text, /Emulator \(ttd\) · ttd \(405003309\)/);
      assert.equal(status.production, false);

      await flagProduction(true);
      await waitFor('production is marked', () => status.production);
      assert.match(status.text, /^\$\(warning\) Production: Emulator \(ttd\) · ttd/);
    } finally {
      await flagProduction(false);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    await waitFor('hidden without an Altinn editor', () => suite.fx.api.environmentStatus.shownEnvId === undefined);
  });
});

// Instance rows people can read (issue 14): state and date first, then whose it is, the app's presentation
// texts and the short id; national identity numbers masked unless altinn.maskOwnerIds is off.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AltinnNode, InstanceNode } from '../../src/tree/nodes';
import { children, isApp, isEnv, isInstanceNode, label, startExplorerFixture, waitFor, walk, type ExplorerFixture } from './explorerFixture';
import { ScriptedPrompts } from './scriptedPrompts';

const KARI = { partyId: '510001', ssn: '01017512345', masked: '010175•••••', name: 'Kari Nordmann' };
const DDG = { partyId: '500000', orgNumber: '897069650', name: 'DDG Fitness AS' };

describe('Instance rows: readable, owner ids masked (altinn.maskOwnerIds)', () => {
  let fx: ExplorerFixture;

  before(async () => {
    fx = await startExplorerFixture();
  });
  after(async () => {
    await setMask(undefined);
    await fx?.close();
  });

  async function setMask(value: boolean | undefined): Promise<void> {
    await vscode.workspace.getConfiguration('altinn').update('maskOwnerIds', value, vscode.ConfigurationTarget.Global);
  }

  async function ownRow(envId: string, path: (string | ((n: AltinnNode) => boolean))[], partyId: string, withText = false): Promise<InstanceNode> {
    const app = await walk(fx.api, isEnv(envId), ...path);
    const rows = (await children(fx.api, app)).filter(isInstanceNode);
    const row = rows.find((r) => r.instance.instanceOwner.partyId === partyId && (!withText || Object.keys(r.instance.presentationTexts ?? {}).length > 0));
    assert.ok(row, `a row of party ${partyId} under ${label(app)}`);
    return row;
  }

  const tooltipOf = (row: InstanceNode) => (row.getTreeItem().tooltip as vscode.MarkdownString).value;
  const shortId = (row: InstanceNode) => row.instance.id.split('/')[1].slice(0, 8);

  it('puts task and date in the label, then the owner masked, the presentation text and the short id last', async () => {
    const row = await ownRow(fx.orgEnv, ['ttd', isApp('ttd/building-permit')], KARI.partyId, true);
    const item = row.getTreeItem();
    const task = row.instance.process?.currentTask;
    const state = task ? (task.name ?? task.elementId) : /Completed|Archived|Deleted/;
    assert.match(String(item.label), new RegExp(`^${typeof state === 'string' ? state : state.source} · \\S`), 'state or task, then the date');
    const text = Object.values(row.instance.presentationTexts ?? {})[0];
    assert.ok(text, 'the seed gives building permits a presentation text (presentationFields: applicant)');
    const description = String(item.description);
    assert.ok(description.startsWith(`${KARI.masked} · `), description);
    assert.ok(description.includes(text), `the presentation text in ${description}`);
    assert.ok(description.endsWith(` · ${shortId(row)}`), description);
    assert.ok(!description.includes(KARI.ssn) && !String(item.label).includes(KARI.ssn), 'no full national identity number in the row');
    assert.ok(tooltipOf(row).includes(KARI.ssn), 'the full number on hover');
    assert.ok(tooltipOf(row).includes(text), 'the presentation text on hover');
  });

  it('shows the full number when the setting is off, and never masks organisation numbers', async () => {
    const person = await ownRow(fx.orgEnv, ['ttd', isApp('ttd/building-permit')], KARI.partyId);
    const org = await ownRow(fx.orgEnv, ['ttd', isApp('ttd/building-permit')], DDG.partyId);
    assert.ok(String(org.getTreeItem().description).startsWith(`${DDG.orgNumber} · `), String(org.getTreeItem().description));
    await setMask(false);
    try {
      assert.ok(String(person.getTreeItem().description).startsWith(`${KARI.ssn} · `), String(person.getTreeItem().description));
      assert.ok(String(org.getTreeItem().description).startsWith(`${DDG.orgNumber} · `));
    } finally {
      await setMask(undefined);
    }
    assert.ok(String(person.getTreeItem().description).startsWith(`${KARI.masked} · `), 'masked again by default');
  });

  it('draws the apps and their rows again when the setting changes, without reloading them', async () => {
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const requests = fx.emulator.store.stats.requests;
    const redrawn: (AltinnNode | undefined)[] = [];
    const listening = fx.api.tree.provider.onDidChangeTreeData((n) => redrawn.push(...(Array.isArray(n) ? n : [n])));
    try {
      await setMask(false);
      await waitFor('the app redrawn', () => redrawn.includes(app));
    } finally {
      listening.dispose();
      await setMask(undefined);
    }
    assert.ok(!redrawn.includes(undefined), 'not a full refresh');
    assert.equal(fx.emulator.store.stats.requests, requests, 'nothing asked of Altinn');
  });

  it('names the owner where Altinn gives the name: the parties an app user represents', async () => {
    const sophie = await ownRow(fx.userEnv, ['Sophie Salt', isApp('ttd/building-permit')], '501337');
    const description = String(sophie.getTreeItem().description);
    assert.ok(description.startsWith('Sophie Salt · '), description);
    assert.ok(!description.includes('010390'), 'the name stands for the number');
    assert.match(tooltipOf(sophie), /01039012345/);
    assert.match(tooltipOf(sophie), /Sophie Salt/);
    const ddg = await ownRow(fx.userEnv, [DDG.name, isApp('ttd/income-report')], DDG.partyId);
    assert.ok(String(ddg.getTreeItem().description).startsWith(`${DDG.name} · `), String(ddg.getTreeItem().description));
  });

  it('names the owner once the App API has named it: an instance the service owner created for Kari', async () => {
    const before = await ownRow(fx.orgEnv, ['ttd', isApp('ttd/building-permit')], KARI.partyId);
    assert.ok(String(before.getTreeItem().description).startsWith(`${KARI.masked} · `), 'Storage lists numbers only');
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const dialogs = new ScriptedPrompts(fx.api).type(KARI.partyId).pick('No prefill').pick('No initial data');
    try {
      // The App API answers instantiation with an InstanceResponse whose instanceOwner.party names the owner.
      await vscode.commands.executeCommand('altinn.createInstance', app);
      assert.deepEqual(dialogs.errors(), []);
    } finally {
      dialogs.dispose();
    }
    await fx.api.tree.refresh(app);
    const rows = (await children(fx.api, app)).filter(isInstanceNode).filter((r) => r.instance.instanceOwner.partyId === KARI.partyId);
    assert.ok(rows.length > 1);
    for (const row of rows) {
      assert.ok(String(row.getTreeItem().description).startsWith(`${KARI.name} · `), String(row.getTreeItem().description));
      assert.ok(tooltipOf(row).includes(KARI.ssn));
    }
  });

  it('copies the full owner id, person or organisation number, whatever the rows show', async () => {
    const person = await ownRow(fx.orgEnv, ['ttd', isApp('ttd/building-permit')], KARI.partyId);
    await vscode.commands.executeCommand('altinn.copyOwnerId', person);
    assert.equal(await vscode.env.clipboard.readText(), KARI.ssn);
    const org = await ownRow(fx.orgEnv, ['ttd', isApp('ttd/building-permit')], DDG.partyId);
    await vscode.commands.executeCommand('altinn.copyOwnerId', org);
    assert.equal(await vscode.env.clipboard.readText(), DDG.orgNumber);
  });

  it('masks a searched-for person number in the app row too, full in its tooltip', async () => {
    const appId = { org: 'ttd', app: 'building-permit' };
    await fx.api.services.filters.set(fx.orgEnv, appId, { ownerNumber: KARI.ssn });
    await fx.api.refresh();
    try {
      const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
      const item = app.getTreeItem();
      assert.equal(item.description, `Filter: owner ${KARI.masked}`);
      assert.match((item.tooltip as vscode.MarkdownString).value, new RegExp(KARI.ssn));
      const rows = (await children(fx.api, app)).filter(isInstanceNode);
      const descriptions = rows.map((r) => String(r.getTreeItem().description));
      // Named or masked (an earlier test may have let Altinn name Kari), never the full number.
      assert.ok(rows.length > 0 && descriptions.every((d) => /^(Kari Nordmann|010175•••••) · /.test(d) && !d.includes(KARI.ssn)), descriptions.join('\n'));
    } finally {
      await fx.api.services.filters.set(fx.orgEnv, appId, {});
      await fx.api.refresh();
    }
  });
});

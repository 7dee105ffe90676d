import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseAppId, type AppProcessState, type CloudEvent, type Instance } from '../../src/api';
import type { AltinnNode, InstanceNode } from '../../src/tree/nodes';
import { children, isApp, isEnv, isInstanceNode, walk } from './explorerFixture';
import { useExplorerSuite } from './explorerSuite';

describe('Process commands (against the emulator, checked on its store)', () => {
  // Registered before the shared hooks, so it runs even when they find an unexpected dialog.
  afterEach(() => {
    suite.fx.emulator.faults.reset();
  });
  const suite = useExplorerSuite();

  /** Creates through the command on `start`; the new instance is then looked up under the app node `app`. */
  async function create(envId: string, start: AltinnNode, owner: string, prefill?: string, app: () => Promise<AltinnNode> = async () => start): Promise<InstanceNode> {
    if (envId === suite.fx.orgEnv) {
      suite.dialogs.type(owner);
    } else {
      suite.dialogs.pick(`party ${owner}`);
    }
    if (prefill) {
      suite.dialogs.pick('Type prefill JSON').type(prefill);
    } else {
      suite.dialogs.pick('No prefill');
    }
    suite.dialogs.pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', start);
    assert.ok(instance, `created: ${suite.dialogs.errors().join('; ')}`);
    const appNode = await app();
    await suite.fx.api.tree.refresh(appNode);
    const node = (await children(suite.fx.api, appNode)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === instance.id);
    assert.ok(node);
    return node;
  }

  async function next(node: InstanceNode, action: string): Promise<AppProcessState | undefined> {
    suite.dialogs.pick(action);
    return vscode.commands.executeCommand<AppProcessState | undefined>('altinn.processNext', node);
  }

  it('lists validation issues in the Problems panel and leaves the instance where it was', async () => {
    const app = await walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const node = await create(suite.fx.orgEnv, app, '501337');
    // Seed rule (README.md, "Interface"): leaving Task_1 with an empty applicant gives 409 with validationIssues.
    await next(node, 'Move on');
    const errors = suite.dialogs.errors();
    assert.equal(errors.length, 1);
    assert.match(errors[0], /Problems/);
    const problems = suite.fx.api.problems.get(suite.fx.orgEnv, node.instance.id);
    assert.ok(problems.length > 0, 'the issues are published as diagnostics');
    assert.ok(problems.some((p) => p.severity === vscode.DiagnosticSeverity.Error));
    // The emulator's required-field issue has code "required" and source "Required": the panel shows each once.
    const required = problems.find((p) => p.code === 'required');
    assert.ok(required, problems.map((p) => `${p.source}(${String(p.code)})`).join(', '));
    assert.equal(required.source, 'Altinn');
    // An issue with a field of a form data element points at the field in that element's altinn: document.
    const guid = node.instance.id.split('/')[1];
    const onForm = vscode.languages.getDiagnostics().find(([uri, d]) => uri.scheme === 'altinn' && uri.path.includes(guid) && d.length > 0);
    assert.ok(onForm?.[1].some((d) => d.code === 'required'), 'the required-field issue is on the form data');
    // Issues without a field go under a virtual document of the instance, named for the Problems panel.
    await suite.fx.api.problems.publish(suite.fx.orgEnv, parseAppId(node.instance.appId), node.instance, [{ severity: 1, code: 'no-field', description: 'About the whole instance' }]);
    const published = vscode.languages.getDiagnostics().find(([uri]) => uri.scheme === 'altinn-json' && uri.query.includes(node.instance.id));
    assert.ok(published, 'the Problems panel has them under a virtual document of the instance');
    assert.equal(published[0].path.split('/').pop(), `building-permit ${guid.slice(0, 8)} validation`, 'named for the Problems panel');
    suite.fx.api.problems.clear(suite.fx.orgEnv, node.instance.id);
    assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.process?.currentTask?.elementId, 'Task_1');
  });

  it('moves a building permit through to its end, then the org confirms it complete', async () => {
    const app = await walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const node = await create(suite.fx.orgEnv, app, '501337', '{"applicant": "Sophie Salt"}');

    const toTask2 = await next(node, 'Move on');
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.equal(toTask2?.currentTask?.elementId, 'Task_2');
    assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.process?.currentTask?.elementId, 'Task_2');
    assert.equal(suite.fx.api.problems.get(suite.fx.orgEnv, node.instance.id).length, 0);

    const refreshed = (await children(suite.fx.api, app)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === node.instance.id);
    assert.equal(refreshed?.instance.process?.currentTask?.elementId, 'Task_2', 'the tree shows the new task');

    // Task_2 is a confirmation task: its default item confirms, and no separate "Move on" does the same.
    suite.dialogs.pickWith((items) => {
      assert.deepEqual(
        items.map((i) => i.label),
        ['$(arrow-right) Confirm'],
      );
      assert.equal(items[0].description, 'default for a confirmation task');
      return items[0];
    });
    const ended = await vscode.commands.executeCommand<AppProcessState | undefined>('altinn.processNext', node);
    assert.equal(ended?.currentTask, undefined);
    const stored = suite.fx.emulator.store.getInstance(node.instance.id);
    assert.ok(stored?.process?.ended, 'the process ended');
    assert.equal(stored?.status?.isArchived, true, 'docs/altinn-behaviour.md §1.3: the end event archives the instance');
    assert.equal(suite.fx.emulator.store.stats.processNextCount[node.instance.id], 2);

    suite.dialogs.confirm('Confirm complete');
    await vscode.commands.executeCommand('altinn.confirmComplete', node);
    assert.deepEqual(suite.dialogs.errors(), []);
    const confirmations = suite.fx.emulator.store.getInstance(node.instance.id)?.completeConfirmations ?? [];
    assert.equal(confirmations.length, 1);
    assert.match(confirmations[0].stakeholderId, /ttd|405003309/);
  });

  it('lets app user 1337 sign an income report for party 500000', async () => {
    const isParty = (n: AltinnNode) => n.context.partyId === '500000';
    const party = await walk(suite.fx.api, isEnv(suite.fx.userEnv), isParty);
    suite.dialogs.pick('Income report');
    const node = await create(suite.fx.userEnv, party, '500000', undefined, async () => {
      await suite.fx.api.tree.refresh(party);
      return walk(suite.fx.api, isEnv(suite.fx.userEnv), isParty, isApp('ttd/income-report'));
    });
    assert.equal(node.context.partyId, '500000', 'found under the party it belongs to');

    await next(node, 'Move on');
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.process?.currentTask?.elementId, 'Task_2');

    // Task_2 is a signing task with the actions sign and reject: signing is its default, the first item
    // (what Enter picks), and no "Move on" item moves on without the signature.
    suite.dialogs.pickWith((items) => {
      assert.deepEqual(
        items.map((i) => [i.label, i.description]),
        [
          ['$(arrow-right) Sign', 'default for a signing task'],
          ['Reject', 'reject'],
        ],
      );
      return items[0];
    });
    const ended = await vscode.commands.executeCommand<AppProcessState>('altinn.processNext', node);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.ok(ended?.ended);
    assert.ok(suite.fx.emulator.store.getInstance(node.instance.id)?.process?.ended);
  });

  it('does not retry process next after a 5xx, and offers to refresh the instance', async () => {
    const app = await walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const node = await create(suite.fx.orgEnv, app, '501337', '{"applicant": "Ola Nordmann"}');
    suite.fx.emulator.faults.add({ method: 'PUT', path: '/process/next$', kind: 'status', status: 503, times: 1 });
    await next(node, 'Move on');
    const error = suite.dialogs.messages.find((m) => m.level === 'error');
    assert.ok(error, 'the failure is reported');
    assert.deepEqual(error.items, ['Refresh instance']);
    // Had the request been retried, the fault (times: 1) would have let the second one through.
    assert.equal(suite.fx.emulator.store.getInstance(node.instance.id)?.process?.currentTask?.elementId, 'Task_1');
  });

  it('shows the process history and events as a read-only document', async () => {
    const app = await walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const node = await create(suite.fx.orgEnv, app, '501337', '{"applicant": "Sophie Salt"}');
    await next(node, 'Move on');
    const parsed = await showHistory(node);
    assert.ok(parsed.processHistory.some((h) => h.eventType === 'process_EndTask' && h.elementId === 'Task_1'));
    assert.ok(parsed.instanceEvents.some((e) => e.eventType === 'Created'));

    // docs/altinn-behaviour.md §4: the app's CloudEvents of this instance, read from the Events API as the app owner.
    const appEvents = parsed.appEvents;
    assert.ok('events' in appEvents, `the app's events are listed: ${JSON.stringify(appEvents)}`);
    const types = appEvents.events.map((e) => e.type);
    assert.ok(types.includes('app.instance.created'), types.join(', '));
    assert.ok(types.includes('app.instance.process.movedTo.Task_2'), types.join(', '));
    assert.ok(
      appEvents.events.every((e) => e.resourceinstance === node.instance.id),
      'only events of this instance, though the query reads all of its owner party',
    );
    assert.equal(appEvents.more, undefined, 'all of them fit in the pages read');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("keeps the process history when the Events API fails, with the failure in the app's events", async () => {
    const app = await walk(suite.fx.api, isEnv(suite.fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const node = await create(suite.fx.orgEnv, app, '501337');
    suite.fx.emulator.faults.add({ method: 'GET', path: '^/events/api/v1/app/', kind: 'status', status: 403 });
    const parsed = await showHistory(node);
    assert.deepEqual(suite.dialogs.errors(), [], 'the command itself succeeds');
    assert.ok(parsed.processHistory.length > 0, 'the history is shown');
    assert.ok(parsed.instanceEvents.some((e) => e.eventType === 'Created'));
    assert.ok('error' in parsed.appEvents, JSON.stringify(parsed.appEvents));
    assert.match(parsed.appEvents.error, /403/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("tells app user 1337 that the app's events are only for app owners", async () => {
    const isParty = (n: AltinnNode) => n.context.partyId === '501337';
    const app = await walk(suite.fx.api, isEnv(suite.fx.userEnv), isParty, isApp('ttd/building-permit'));
    const node = (await children(suite.fx.api, app)).find(isInstanceNode);
    assert.ok(node, 'the seed has building permits of party 501337');
    const parsed = await showHistory(node);
    assert.deepEqual(suite.dialogs.errors(), []);
    assert.ok(Array.isArray(parsed.processHistory), 'the history is shown');
    // docs/altinn-behaviour.md §4: GET /events/api/v1/app/{org}/{app} answers 401 to anyone but an org.
    assert.ok('note' in parsed.appEvents, JSON.stringify(parsed.appEvents));
    assert.match(parsed.appEvents.note, /only available to app owners/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  interface HistoryDocument {
    processHistory: { eventType: string; elementId?: string }[];
    instanceEvents: { eventType: string }[];
    appEvents: { events: CloudEvent[]; more?: string } | { note: string } | { error: string };
  }

  async function showHistory(node: InstanceNode): Promise<HistoryDocument> {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('altinn.showProcessHistory', node);
    assert.ok(uri, `shown: ${suite.dialogs.errors().join('; ')}`);
    return JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as HistoryDocument;
  }
});

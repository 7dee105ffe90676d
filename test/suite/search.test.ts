// The instance filters and the multi-step search, against the emulator: what each lists is checked against
// the emulator's store, including instances created, moved on and deleted in this session.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Instance } from '../../src/api';
import type { InstanceFilter } from '../../src/tree/filters';
import { instanceState, type InstanceState } from '../../src/tree/instancePresentation';
import { fetchInstancePage } from '../../src/tree/instanceQuery';
import type { AppNode, InstanceNode } from '../../src/tree/nodes';
import { children, isApp, isEnv, isInstanceNode, isMessageNode, label, startExplorerFixture, walk, type ExplorerFixture } from './explorerFixture';
import { ScriptedPrompts } from './scriptedPrompts';

const PERMIT = { org: 'ttd', app: 'building-permit' };

describe('Instance filters and search (service owner ttd, checked on the emulator store)', () => {
  let fx: ExplorerFixture;
  let dialogs: ScriptedPrompts;
  let app: AppNode;

  before(async () => {
    fx = await startExplorerFixture({ instancesPerApp: 30 });
  });
  after(async () => {
    await fx?.close();
  });
  beforeEach(async () => {
    dialogs = new ScriptedPrompts(fx.api);
    app = (await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'))) as AppNode;
  });
  afterEach(async () => {
    dialogs.dispose();
    assert.deepEqual(dialogs.unexpected, [], 'every dialog was expected');
    await fx.api.services.filters.set(fx.orgEnv, PERMIT, {});
    await fx.api.services.filters.set(fx.userEnv, PERMIT, {});
    await fx.api.refresh();
  });

  /** The store's instances of the app Storage would list to ttd (hard-deleted ones only when asked for). */
  function stored(): Instance[] {
    return fx.emulator.store.listInstances('ttd/building-permit') as unknown as Instance[];
  }

  async function shownIds(): Promise<string[]> {
    return (await children(fx.api, app)).filter(isInstanceNode).map((n) => n.instance.id).sort();
  }

  async function filterBy(filter: InstanceFilter): Promise<string[]> {
    await fx.api.services.filters.set(fx.orgEnv, PERMIT, filter);
    await fx.api.tree.refresh(app);
    return shownIds();
  }

  async function createActive(prefill?: string): Promise<Instance> {
    dialogs.type('501337');
    if (prefill) {
      dialogs.pick('Type prefill JSON').type(prefill);
    } else {
      dialogs.pick('No prefill');
    }
    dialogs.pick('No initial data');
    const instance = await vscode.commands.executeCommand<Instance>('altinn.createInstance', app);
    assert.ok(instance, dialogs.errors().join('; '));
    return instance;
  }

  async function storageAsUser(method: string, path: string): Promise<number> {
    const token = await (await fetch(`${fx.emulator.url}/Home/GetTestUserToken/1337`)).text();
    return (await fetch(`${fx.emulator.url}${path}`, { method, headers: { Authorization: `Bearer ${token}` } })).status;
  }

  it('lists under each state exactly the store instances of that state, alone and with each task', async () => {
    // An archived instance that is also soft-deleted belongs under Deleted only (docs/altinn-behaviour.md §2.1:
    // the status flags are independent in Storage).
    const archived = stored().find((i) => i.status?.isArchived && !i.status.isSoftDeleted && i.instanceOwner.partyId === '501337');
    assert.ok(archived, 'the seed has an archived instance of 501337');
    assert.equal(await storageAsUser('DELETE', `/ttd/building-permit/instances/${archived.id}`), 200);
    assert.equal(fx.emulator.store.getInstance(archived.id)?.status?.isSoftDeleted, true);

    const states: InstanceState[] = ['active', 'completed', 'archived', 'deleted'];
    const client = fx.api.registry.client(fx.orgEnv);
    for (const state of states) {
      const expected = stored().filter((i) => !i.status?.isHardDeleted && instanceState(i) === state);
      // What Storage answers, before the tree's own check of the instances it holds.
      const page = await fetchInstancePage(client, { appId: PERMIT, filter: { state }, size: 100 });
      assert.deepEqual(page.instances.map((i) => i.id).sort(), expected.map((i) => i.id).sort(), `Storage's answer for ${state}`);
      assert.deepEqual(await filterBy({ state }), expected.map((i) => i.id).sort(), `state ${state}`);
      for (const task of ['Task_1', 'Task_2']) {
        const onTask = expected.filter((i) => i.process?.currentTask?.elementId === task);
        assert.deepEqual(await filterBy({ state, currentTask: task }), onTask.map((i) => i.id).sort(), `state ${state}, ${task}`);
      }
    }
    assert.ok((await filterBy({ state: 'deleted' })).includes(archived.id));
    assert.ok(!(await filterBy({ state: 'archived' })).includes(archived.id));
  });

  it('leaves out an instance created in this session that does not meet the filter, also after a refresh', async () => {
    await fx.api.services.filters.set(fx.orgEnv, PERMIT, { state: 'archived' });
    const created = await createActive();
    const expected = stored().filter((i) => instanceState(i) === 'archived').map((i) => i.id).sort();
    assert.deepEqual(await shownIds(), expected, 'the new, active instance is not archived');
    await fx.api.tree.refresh(app);
    assert.deepEqual(await shownIds(), expected);
    assert.ok(!expected.includes(created.id));

    // Under a filter it meets, it is listed first.
    await fx.api.services.filters.set(fx.orgEnv, PERMIT, { state: 'active', currentTask: 'Task_1' });
    await fx.api.tree.refresh(app);
    const first = (await children(fx.api, app))[0] as InstanceNode;
    assert.equal(first.instance.id, created.id);
    // The app says its filter in words: tree item descriptions do not render codicons.
    assert.equal(app.getTreeItem().description, 'Filter: Active · Task_1');
  });

  it('drops an instance moved on or deleted in this session from a filter it no longer meets', async () => {
    // An applicant, so that Task_1 validates and the process can move on.
    const created = await createActive('{"applicant": "Kari Nordmann"}');
    await fx.api.services.filters.set(fx.orgEnv, PERMIT, { state: 'active', currentTask: 'Task_1' });
    await fx.api.tree.refresh(app);
    const node = (await children(fx.api, app)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === created.id);
    assert.ok(node);

    // Moved on by someone else; the extension refreshes the instance (as its commands do), not the whole app.
    const [party, guid] = created.id.split('/');
    assert.equal(await storageAsUser('PUT', `/ttd/building-permit/instances/${party}/${guid}/process/next`), 200);
    assert.equal(fx.emulator.store.getInstance(created.id)?.process?.currentTask?.elementId, 'Task_2');
    await fx.api.tree.refreshInstance(fx.orgEnv, created.id);
    assert.ok(!(await shownIds()).includes(created.id), 'no longer at Task_1');

    await fx.api.services.filters.set(fx.orgEnv, PERMIT, { state: 'active', currentTask: 'Task_2' });
    await fx.api.tree.refresh(app);
    assert.ok((await shownIds()).includes(created.id), 'now at Task_2');

    assert.equal(await storageAsUser('DELETE', `/ttd/building-permit/instances/${party}/${guid}`), 200);
    await fx.api.tree.refresh(app);
    assert.ok(!(await shownIds()).includes(created.id), 'deleted, so not active');
    assert.ok((await filterBy({ state: 'deleted' })).includes(created.id));
  });

  it('searches in steps with a step count and Back, and keeps the search as the app filter', async () => {
    const withText = stored().find((i) => instanceState(i) === 'active' && Object.values(i.presentationTexts ?? {}).length > 0);
    assert.ok(withText, 'the seed has presentation texts');
    const text = Object.values(withText.presentationTexts ?? {})[0].slice(1, 5).toUpperCase();
    dialogs
      .type('501337') // 1 owner (a party id)
      .pick('Active') // 2 state
      .backFromPick() // 3 task: back to the state
      .pick('Any state') // 2 state again
      .pick('Any task') // 3
      .pick('Confirmed or not') // 4
      .type('') // 5 created
      .type('2000-01-01..2999-12-31') // 6 changed
      .type(text); // 7 text
    await vscode.commands.executeCommand('altinn.searchInstances', app);
    assert.deepEqual(dialogs.errors(), [], dialogs.steps.join('\n'));
    assert.deepEqual(
      dialogs.steps.map((s) => s.split(' ')[0]),
      ['1/7', '2/7', '3/7', '2/7', '3/7', '4/7', '5/7', '6/7', '7/7'],
    );
    const filter = fx.api.services.filters.get(fx.orgEnv, PERMIT);
    assert.deepEqual(filter, { ownerPartyId: '501337', changedFrom: '2000-01-01', changedTo: '2999-12-31', searchString: text });
    const needle = text.toLowerCase();
    const expected = stored().filter(
      (i) => i.instanceOwner.partyId === '501337' && !i.status?.isHardDeleted && Object.values(i.presentationTexts ?? {}).some((t) => t.toLowerCase().includes(needle)),
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(await shownIds(), expected.map((i) => i.id).sort());
    assert.match(String(app.getTreeItem().description), new RegExp(`party 501337 .* “${text}”`));
  });

  it('searches by person number (X-Ai-InstanceOwnerIdentifier), confirmation and created range', async () => {
    const owned = stored().find((i) => i.instanceOwner.personNumber);
    assert.ok(owned?.instanceOwner.personNumber, 'the seed has person-owned instances');
    const ssn = owned.instanceOwner.personNumber;
    const day = (owned.created ?? '').slice(0, 10);
    dialogs.type(ssn).pick('Archived').pick('Any task').pick('Not yet confirmed by me').type(day).type('').type('');
    await vscode.commands.executeCommand('altinn.searchInstances', app);
    assert.deepEqual(dialogs.errors(), []);
    const confirmedByTtd = (i: Instance) => (i.completeConfirmations ?? []).some((c) => c.stakeholderId === 'ttd');
    const expected = stored().filter(
      (i) => i.instanceOwner.personNumber === ssn && instanceState(i) === 'archived' && !confirmedByTtd(i) && (i.created ?? '').startsWith(day),
    );
    assert.deepEqual(await shownIds(), expected.map((i) => i.id).sort());

    dialogs.type(ssn).pick('Archived').pick('Any task').pick('Confirmed by me').type('').type('').type('');
    await vscode.commands.executeCommand('altinn.searchInstances', app);
    const confirmed = stored().filter((i) => i.instanceOwner.personNumber === ssn && instanceState(i) === 'archived' && confirmedByTtd(i));
    assert.deepEqual(await shownIds(), confirmed.map((i) => i.id).sort());
  });

  it('asks an app user five steps: the branch is one owner already, and no service-owner-only choices', async () => {
    const userApp = (await walk(fx.api, isEnv(fx.userEnv), (n) => n.context.partyId === '501337', isApp('ttd/building-permit'))) as AppNode;
    let offered: string[] = [];
    dialogs
      .pickWith((items) => {
        offered = items.map((i) => i.label);
        return items.find((i) => i.label === 'Active');
      })
      .pick('Task_1')
      .type('')
      .type('')
      .type('');
    await vscode.commands.executeCommand('altinn.searchInstances', userApp);
    assert.deepEqual(dialogs.errors(), []);
    assert.deepEqual(dialogs.steps.map((s) => s.split(' ')[0]), ['1/5', '2/5', '3/5', '4/5', '5/5']);
    assert.ok(!offered.includes('Deleted permanently'), offered.join(', '));
    const shown = (await children(fx.api, userApp)).filter(isInstanceNode).map((n) => n.instance.id).sort();
    const expected = stored().filter((i) => i.instanceOwner.partyId === '501337' && instanceState(i) === 'active' && i.process?.currentTask?.elementId === 'Task_1');
    assert.ok(expected.length > 0);
    assert.deepEqual(shown, expected.map((i) => i.id).sort());
  });

  it('explains a contradictory search and returns to the step that causes it', async () => {
    dialogs
      .type('')
      .pick('Completed')
      .pick('Task_2')
      .pick('Confirmed or not')
      .type('')
      .type('')
      .type('')
      .confirm('Change the search')
      .pick('Any task') // back at the task step
      .pick('Confirmed or not')
      .type('2026-02-01..2026-01-01') // a created range that ends before it starts
      .type('')
      .type('')
      .confirm(undefined); // the second explanation: the user gives up
    await vscode.commands.executeCommand('altinn.searchInstances', app);
    const warnings = dialogs.warnings;
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /completed instance .* no current task/);
    assert.match(warnings[1], /created range ends \(2026-01-01\) before it starts \(2026-02-01\)/);
    assert.deepEqual(fx.api.services.filters.get(fx.orgEnv, PERMIT), {}, 'nothing kept');
    assert.ok(!(await children(fx.api, app)).some(isMessageNode), label((await children(fx.api, app))[0]));
    assert.equal(dialogs.pending, 0, 'every scripted step was asked');
  });
});

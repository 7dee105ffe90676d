import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AppNode, DataElementNode } from '../../src/tree/nodes';
import {
  children,
  contextValue,
  hasTag,
  isApp,
  isAppNode,
  isDataElementNode,
  isEnv,
  isErrorNode,
  isInstanceNode,
  isLoadMoreNode,
  isMessageNode,
  isSignInNode,
  label,
  startExplorerFixture,
  waitFor,
  walk,
  type ExplorerFixture,
} from './explorerFixture';
import { ScriptedPrompts } from './scriptedPrompts';

describe('Explorer tree (app owner ttd and app user 1337, against the emulator)', () => {
  let fx: ExplorerFixture;
  let dialogs: ScriptedPrompts | undefined;

  before(async () => {
    fx = await startExplorerFixture({ instancesPerApp: 30 });
  });
  after(async () => {
    await fx?.close();
  });
  afterEach(async () => {
    dialogs?.dispose();
    dialogs = undefined;
    fx.emulator.faults.reset();
    for (const app of ['ttd/building-permit', 'ttd/income-report']) {
      await fx.api.services.filters.set(fx.orgEnv, { org: app.split('/')[0], app: app.split('/')[1] }, {});
    }
    await fx.api.refresh();
  });

  it('browses environment › org › app › instances › data elements', async () => {
    const env = await walk(fx.api, isEnv(fx.orgEnv));
    assert.match(String(env.getTreeItem().description), /ttd/);
    assert.match(contextValue(env), /^environment;signedIn;identity-org/);

    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    assert.equal(label(app), 'Building permit', 'title from metadata in the display language (altinn.language = en)');

    const instances = (await children(fx.api, app)).filter(isInstanceNode);
    const expected = fx.emulator.store.listInstances('ttd/building-permit');
    assert.equal(instances.length, Math.min(expected.length, 100));
    assert.equal(instances[0].instance.id, expected[0].id, 'newest change first, as Storage orders');

    const withData = instances.find((i) => (i.instance.data?.length ?? 0) > 0);
    assert.ok(withData, 'the seed has instances with data');
    const item = withData.getTreeItem();
    assert.match(String(item.description), new RegExp(`${withData.instance.id.split('/')[1].slice(0, 8)}$`), 'the description ends in the short id');
    assert.ok(item.tooltip instanceof vscode.MarkdownString);
    assert.match(contextValue(withData), /^instance;(active|completed|archived|deleted)/);

    const elements = await children(fx.api, withData);
    assert.ok(elements.every(isDataElementNode));
    const first = elements[0] as DataElementNode;
    assert.equal(first.context.dataElement?.id, first.dataElement.id);
    const shown = `${String(first.getTreeItem().label)} ${String(first.getTreeItem().description)}`;
    assert.match(shown, new RegExp(first.dataElement.dataType), 'the data type shows, in the label or the description');
    if (first.dataElement.contentType) {
      assert.ok(shown.includes(first.dataElement.contentType), 'the content type shows');
    }
    assert.match(contextValue(first), /^dataElement;(locked|unlocked);(form|binary)/);
  });

  it('pages instances with "Load more…" driven by the continuation token', async () => {
    await vscode.workspace.getConfiguration('altinn').update('instancesPageSize', 7, vscode.ConfigurationTarget.Global);
    try {
      const app = (await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/income-report'))) as AppNode;
      const total = fx.emulator.store.countInstances('ttd/income-report');
      assert.ok(total > 14, `the emulator holds ${total} instances, enough for three pages`);

      let kids = await children(fx.api, app);
      assert.equal(kids.filter(isInstanceNode).length, 7);
      let more = kids.at(-1);
      assert.ok(isLoadMoreNode(more), 'a full page ends in "Load more…"');

      await vscode.commands.executeCommand('altinn.loadMore', more);
      kids = await children(fx.api, app);
      assert.equal(kids.filter(isInstanceNode).length, 7, 'the first page stays under the app');
      const pages = kids.at(-1);
      assert.ok(pages && hasTag('pages')(pages), 'the later pages come in a group of up to ten');
      let pageNodes = await children(fx.api, pages);
      assert.deepEqual(pageNodes.map(label), ['Page 2', 'Load more…']);
      assert.equal((await children(fx.api, pageNodes[0])).filter(isInstanceNode).length, 7);

      while (isLoadMoreNode((more = pageNodes.at(-1)))) {
        await vscode.commands.executeCommand('altinn.loadMore', more);
        pageNodes = await children(fx.api, pages);
      }
      assert.equal(label(pages), 'Pages 2–11');
      assert.equal(String(pages.getTreeItem().description), `${fx.emulator.store.countInstances('ttd/income-report') - 7} instances`);
      const rows = [...kids.filter(isInstanceNode)];
      for (const page of pageNodes) {
        rows.push(...(await children(fx.api, page)).filter(isInstanceNode));
      }
      const ids = rows.map((k) => k.instance.id);
      assert.equal(new Set(ids).size, ids.length, 'no instance twice');
      assert.deepEqual(ids.sort(), fx.emulator.store.listInstances('ttd/income-report').map((i) => i.id).sort());
    } finally {
      await vscode.workspace.getConfiguration('altinn').update('instancesPageSize', 100, vscode.ConfigurationTarget.Global);
    }
  });

  it('filters instances by state and task, and shows the filter on the app node', async () => {
    const app = (await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'))) as AppNode;
    dialogs = new ScriptedPrompts(fx.api).pick('State').pick('Active');
    await vscode.commands.executeCommand('altinn.filterInstances', app);
    assert.deepEqual(dialogs.unexpected, []);
    assert.match(String(app.getTreeItem().description), /Active/);
    assert.match(contextValue(app), /(^|;)filtered(;|$)/);

    const active = (await children(fx.api, app)).filter(isInstanceNode);
    const expected = fx.emulator.store
      .listInstances('ttd/building-permit')
      .filter((i) => i.process?.currentTask && !i.process.ended && !i.status?.isSoftDeleted && !i.status?.isHardDeleted);
    assert.ok(expected.length > 0);
    assert.deepEqual(active.map((n) => n.instance.id).sort(), expected.map((i) => i.id).sort());

    dialogs.pick('Current task').pick('Task_2');
    await vscode.commands.executeCommand('altinn.filterInstances', app);
    const onTask2 = (await children(fx.api, app)).filter(isInstanceNode);
    assert.ok(onTask2.every((n) => n.instance.process?.currentTask?.elementId === 'Task_2'));
    assert.equal(onTask2.length, expected.filter((i) => i.process?.currentTask?.elementId === 'Task_2').length);
    assert.match(String(app.getTreeItem().description), /Task_2/);

    await vscode.commands.executeCommand('altinn.clearInstanceFilter', app);
    assert.doesNotMatch(contextValue(app), /filtered/);
  });

  it('filters instances by owner party and by a last-changed date range', async () => {
    const app = (await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'))) as AppNode;
    dialogs = new ScriptedPrompts(fx.api).pick('Owner party').type('500000');
    await vscode.commands.executeCommand('altinn.filterInstances', app);
    const owned = (await children(fx.api, app)).filter(isInstanceNode);
    const expected = fx.emulator.store.listInstances('ttd/building-permit').filter((i) => i.instanceOwner.partyId === '500000');
    assert.ok(expected.length > 0);
    assert.deepEqual(owned.map((n) => n.instance.id).sort(), expected.map((i) => i.id).sort());
    assert.match(String(app.getTreeItem().description), /party 500000/);

    // docs/altinn-behaviour.md §2.1: dates go out with operator prefixes; a range in the future matches nothing.
    dialogs.pick('Last changed between').type('2999-01-01').type('2999-12-31');
    await vscode.commands.executeCommand('altinn.filterInstances', app);
    const none = await children(fx.api, app);
    assert.equal(none.length, 1);
    assert.ok(isMessageNode(none[0]));
    assert.equal(label(none[0]), 'No instances match the filter');

    dialogs.pick('Last changed between').type('2000-01-01').type('2999-12-31');
    await vscode.commands.executeCommand('altinn.filterInstances', app);
    assert.equal((await children(fx.api, app)).filter(isInstanceNode).length, expected.length, 'a range around everything keeps the owner filter');
    assert.deepEqual(dialogs.errors(), []);
  });

  it('turns a failed load into an error node that retries, and a 401 into a "Sign in" node', async () => {
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 500 });
    await fx.api.tree.refresh(app);
    const failed = await children(fx.api, app);
    assert.equal(failed.length, 1);
    assert.ok(isErrorNode(failed[0]), `expected an error node, got ${failed.map(label).join(', ')}`);
    const item = failed[0].getTreeItem();
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(item.command?.command, 'altinn.refreshNode', 'clicking the error retries');

    fx.emulator.faults.reset();
    await vscode.commands.executeCommand('altinn.refreshNode', failed[0]);
    assert.ok((await children(fx.api, app)).some(isInstanceNode), 'retry loads the instances');

    fx.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 401 });
    await fx.api.tree.refresh(app);
    const unauthorized = await children(fx.api, app);
    assert.ok(isSignInNode(unauthorized[0]), `expected a sign-in node, got ${unauthorized.map(label).join(', ')}`);
    assert.equal(unauthorized[0].getTreeItem().command?.command, 'altinn.signIn');
  });

  it('goes to an instance by id and shows it first under its app', async () => {
    const target = fx.emulator.store.listInstances('ttd/building-permit').at(-1);
    assert.ok(target);
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    dialogs = new ScriptedPrompts(fx.api).type(target.id);
    await vscode.commands.executeCommand('altinn.goToInstance', app);
    assert.deepEqual(dialogs.unexpected, []);
    assert.deepEqual(dialogs.errors(), []);
    const first = (await children(fx.api, app))[0];
    assert.ok(isInstanceNode(first));
    assert.equal(first.instance.id, target.id);
  });

  it('pins and unpins an app of another org', async () => {
    const env = await walk(fx.api, isEnv(fx.orgEnv));
    assert.deepEqual((await children(fx.api, env)).map(label), ['ttd'], 'only the signed-in org before pinning');
    dialogs = new ScriptedPrompts(fx.api).pickWith((items) => [items.find((i) => i.label === 'digdir/photo-contest')!]);
    await vscode.commands.executeCommand('altinn.pinApp', env);
    assert.deepEqual(vscode.workspace.getConfiguration('altinn').get('pinnedApps'), [`${fx.orgEnv}:digdir/photo-contest`]);

    const digdir = await walk(fx.api, isEnv(fx.orgEnv), 'digdir');
    // Who is signed in shows on the environment row only; an org row counts its pinned apps.
    assert.equal(digdir.getTreeItem().description, '1 pinned app');
    assert.equal((await walk(fx.api, isEnv(fx.orgEnv), 'ttd')).getTreeItem().description, undefined, 'no pinned apps in ttd');
    const apps = await children(fx.api, digdir);
    assert.deepEqual(apps.map(label), ['Photo contest'], 'a non-pinned org lists only its pinned apps');
    assert.match(contextValue(apps[0]), /^app;pinned/);

    await vscode.commands.executeCommand('altinn.unpin', apps[0]);
    assert.deepEqual(vscode.workspace.getConfiguration('altinn').get('pinnedApps'), []);
    assert.deepEqual((await children(fx.api, await walk(fx.api, isEnv(fx.orgEnv)))).map(label), ['ttd']);
  });

  it('shows app user 1337 the parties they represent and their instances per party and app', async () => {
    const env = await walk(fx.api, isEnv(fx.userEnv));
    assert.match(contextValue(env), /identity-user/);
    const parties = await children(fx.api, env);
    const partyIds = parties.map((p) => p.context.partyId);
    // docs/altinn-behaviour.md §3: the App API's party list, with the sub-unit 500001 lifted out of childParties.
    assert.deepEqual(partyIds, ['501337', '500000', '500001'], "the user's own party first, a sub-unit after its main unit");
    assert.match(String(parties[2].getTreeItem().description), /DDG Fitness AS/, 'a sub-unit names its main unit');

    for (const party of parties) {
      const apps = await children(fx.api, party);
      assert.ok(apps.length > 0);
      const seen = new Set<string>();
      for (const app of apps) {
        if (isMessageNode(app)) {
          continue;
        }
        assert.ok(isAppNode(app));
        const instances = (await children(fx.api, app)).filter(isInstanceNode);
        for (const node of instances) {
          assert.equal(node.instance.instanceOwner.partyId, party.context.partyId);
          seen.add(node.instance.id);
        }
      }
      const own = fx.emulator.store.listInstances().filter((i) => i.instanceOwner.partyId === party.context.partyId && !i.status?.isHardDeleted);
      assert.ok(own.every((i) => seen.has(i.id) || i.status?.isSoftDeleted), `every instance of party ${party.context.partyId} is shown`);
    }
  });

  it('marks instance nodes by state with tags the menus match', async () => {
    const app = await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
    const nodes = (await children(fx.api, app)).filter(isInstanceNode);
    const active = nodes.find(hasTag('active'));
    assert.ok(active);
    assert.ok(hasTag(`task-${active.instance.process?.currentTask?.elementId}`)(active));
    assert.ok(hasTag('asOrg')(active));
    const ended = nodes.find((n) => n.instance.process?.ended);
    assert.ok(ended, 'the seed has ended instances');
    assert.ok(hasTag('archived')(ended) || hasTag('completed')(ended) || hasTag('deleted')(ended));
  });

  it('offers "Load more…" after a page that Storage\'s authorisation emptied', async () => {
    // Storage pages first and authorises a user's rows afterwards; the token of the unfiltered page stands
    // (InstancesController.ExecuteQueryAndBuildResponse, docs/altinn-behaviour.md §2.1). Here: the instances of a
    // party user 1337 may not read, paged by an app node of the extension's own class.
    await vscode.workspace.getConfiguration('altinn').update('instancesPageSize', 2, vscode.ConfigurationTarget.Global);
    try {
      const parties = await children(fx.api, await walk(fx.api, isEnv(fx.userEnv)));
      const own = parties.find((p) => p.context.partyId === '501337');
      assert.ok(own);
      const sample = (await children(fx.api, own)).find(isAppNode);
      assert.ok(sample);
      const AppNodeClass = sample.constructor as new (...args: ConstructorParameters<typeof AppNode>) => AppNode;
      const app = new AppNodeClass(own, fx.api.services, fx.userEnv, { org: 'ttd', app: 'building-permit' }, undefined, false, '512345');
      let kids = await children(fx.api, app);
      assert.deepEqual(kids.map(label), ['No instances you can see on this page', 'Load more…']);
      assert.ok(isMessageNode(kids[0]) && isLoadMoreNode(kids[1]));
      await vscode.commands.executeCommand('altinn.loadMore', kids[1]);
      kids = await children(fx.api, app);
      const pages = kids.at(-1);
      assert.ok(pages && hasTag('pages')(pages), 'the second page comes under the pages node');
      const pageNodes = await children(fx.api, pages);
      assert.ok(isLoadMoreNode(pageNodes.at(-1)), 'still more after a second empty page');
      assert.deepEqual((await children(fx.api, pageNodes[0])).map(label), ['No instances you can see on this page']);
      assert.equal(kids.filter(isInstanceNode).length, 0);
    } finally {
      await vscode.workspace.getConfiguration('altinn').update('instancesPageSize', 100, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows a hard-deleted instance as "Deleted permanently", a state the filter asks for on its own', async () => {
    const token = await (await fetch(`${fx.emulator.url}/Home/GetTestUserToken/1337`)).text();
    const auth = { Authorization: `Bearer ${token}` };
    const created = await fetch(`${fx.emulator.url}/ttd/income-report/instances?instanceOwnerPartyId=501337`, { method: 'POST', headers: auth });
    assert.equal(created.status, 201);
    const id = ((await created.json()) as { id: string }).id;
    assert.equal((await fetch(`${fx.emulator.url}/ttd/income-report/instances/${id}?hard=true`, { method: 'DELETE', headers: auth })).status, 200);

    const app = (await walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/income-report'))) as AppNode;
    dialogs = new ScriptedPrompts(fx.api).pick('State').pick('Deleted permanently');
    await vscode.commands.executeCommand('altinn.filterInstances', app);
    assert.deepEqual(dialogs.unexpected, []);
    assert.match(String(app.getTreeItem().description), /Deleted permanently/);
    // The test-org token carries its scopes in urn:altinn:scope only, so Storage does not count it as a
    // service owner and lists no hard-deleted instance to it (ClaimsPrincipalExtensions.HasServiceOwnerScope).
    assert.deepEqual((await children(fx.api, app)).map(label), ['No permanently deleted instances (Altinn lists them only to service owners with a service-owner scope)']);
    await vscode.commands.executeCommand('altinn.clearInstanceFilter', app);

    dialogs.type(id);
    await vscode.commands.executeCommand('altinn.goToInstance', app);
    assert.deepEqual(dialogs.errors(), []);
    const first = (await children(fx.api, app))[0];
    assert.ok(isInstanceNode(first) && first.instance.id === id);
    assert.ok(hasTag('deletedPermanently')(first), contextValue(first));
    assert.match(String(first.getTreeItem().label), /^Deleted permanently/);
  });

  it('adds an environment through the command, shows it with a "Sign in" child, and removes it', async () => {
    dialogs = new ScriptedPrompts(fx.api).pick('Emulator').type('Second emulator').type(fx.emulator.url);
    await vscode.commands.executeCommand('altinn.addEnvironment');
    assert.deepEqual(dialogs.unexpected, []);
    const settings = vscode.workspace.getConfiguration('altinn').get<{ id: string; name: string; kind: string; url?: string }[]>('environments') ?? [];
    const added = settings.find((e) => e.name === 'Second emulator');
    assert.deepEqual(added, { id: 'second-emulator', name: 'Second emulator', kind: 'emulator', url: fx.emulator.url });

    const env = await walk(fx.api, isEnv('second-emulator'));
    assert.match(contextValue(env), /^environment;signedOut/);
    const kids = await children(fx.api, env);
    assert.equal(kids.length, 1);
    assert.ok(isSignInNode(kids[0]), 'a signed-out environment offers to sign in');
    assert.deepEqual(kids[0].getTreeItem().command?.arguments, ['second-emulator']);

    dialogs.confirm('Remove');
    await vscode.commands.executeCommand('altinn.removeEnvironment', env);
    const after = vscode.workspace.getConfiguration('altinn').get<{ id: string }[]>('environments') ?? [];
    assert.deepEqual(after.map((e) => e.id).sort(), [fx.orgEnv, fx.userEnv].sort());
  });

  it('refuses a plain-http URL for a remote environment while adding it', async () => {
    dialogs = new ScriptedPrompts(fx.api).pick('Custom').type('Remote').type('http://altinn.example.com');
    await vscode.commands.executeCommand('altinn.addEnvironment');
    assert.equal(dialogs.refused.length, 1);
    assert.match(dialogs.refused[0], /https/);
    dialogs.refused.length = 0;
    const settings = vscode.workspace.getConfiguration('altinn').get<{ name: string }[]>('environments') ?? [];
    assert.ok(!settings.some((e) => e.name === 'Remote'));
  });

  // Runs last: it signs both environments out.
  it('empties the view, so that its "not signed in" welcome shows, once no environment is signed in', async () => {
    assert.ok((await children(fx.api)).length > 0);
    await fx.api.auth.signOut(fx.orgEnv);
    await waitFor('both environments still listed', async () => (await children(fx.api)).length === 2);
    const org = await walk(fx.api, isEnv(fx.orgEnv));
    assert.match(contextValue(org), /^environment;signedOut/);
    assert.ok(isSignInNode((await children(fx.api, org))[0]), 'the signed-out environment offers to sign in');

    await fx.api.auth.signOut(fx.userEnv);
    await waitFor('an empty view', async () => (await children(fx.api)).length === 0);
  });
});

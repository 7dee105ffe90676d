import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseAppId, parseInstanceId, type Instance } from '../../src/api';
import type { AltinnNode } from '../../src/tree/nodes';
import { formElement, newBuildingPermit, nodeFor, storedText, TEST_PARTY, until, useDataHarness, withApplicant } from './dataHarness';
import { isApp, isEnv, isLoadMoreNode, walk } from './explorerFixture';
import { mentioning, requestsDuring } from './requestCount';

const PERMIT = 'ttd/building-permit';

// Open editors re-read their instance when the tree is refreshed (the user's Refresh, a command after a change),
// not when it is only drawn again: a page loaded, a filter set, owner ids masked, an app pinned. Counted at the emulator.
describe('Editors follow refreshes of the tree, not its redraws', function () {
  this.timeout(60_000);
  const h = useDataHarness();
  const altinn = () => vscode.workspace.getConfiguration('altinn');
  let previousPageSize: unknown;

  before(async () => {
    previousPageSize = altinn().inspect('instancesPageSize')?.globalValue;
    // One row a page, so that the app ends in "Load more…".
    await altinn().update('instancesPageSize', 1, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await altinn().update('instancesPageSize', previousPageSize, vscode.ConfigurationTarget.Global);
  });
  afterEach(async () => {
    await h.api.services.filters.set(h.envId, parseAppId(PERMIT), {});
  });

  async function openForm(instance: Instance): Promise<vscode.TextDocument> {
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('altinn.openDataElement', nodeFor(h, instance, formElement(instance)));
    assert.ok(uri, 'the open command returns the editor URI');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    return document;
  }

  /** The app under the test user's own party, as the view shows it. */
  function appNode(): Promise<AltinnNode> {
    return walk(h.api, isEnv(h.envId), (n) => n.context.partyId === String(TEST_PARTY), isApp(PERMIT));
  }

  /** What `action` asked the emulator about the instance, including what open editors asked a moment after it. */
  async function askedAbout(instance: Instance, action: () => PromiseLike<unknown>): Promise<string[]> {
    const { requests } = await requestsDuring(h.emulator, mentioning(parseInstanceId(instance.id).guid, formElement(instance).id), async () => {
      await action();
      // Following runs after the event that started it; on the in-process emulator half a second is ample.
      await new Promise((r) => setTimeout(r, 500));
    });
    return requests;
  }

  it('asks nothing about an open form\'s instance for "Load more…", a filter, masked owner ids or a pin', async () => {
    await newBuildingPermit(h, 'Another Row');
    const instance = await newBuildingPermit(h);
    await openForm(instance);
    await until(async () => (await h.api.tree.provider.getChildren(await appNode())).some(isLoadMoreNode), 'the app ends in "Load more…"', 20_000);

    // Each redraw is counted on its own, and all are compared at once: a failure names every one that asked.
    const asked: Record<string, string[]> = {};
    const more = (await h.api.tree.provider.getChildren(await appNode())).find(isLoadMoreNode);
    asked['Load more'] = await askedAbout(instance, () => vscode.commands.executeCommand('altinn.loadMore', more));

    h.prompts.pick('State').pick('Active');
    asked['filter'] = await askedAbout(instance, async () => vscode.commands.executeCommand('altinn.filterInstances', await appNode()));
    asked['clear filter'] = await askedAbout(instance, async () => vscode.commands.executeCommand('altinn.clearInstanceFilter', await appNode()));
    assert.deepEqual(h.prompts.errors(), []);

    const mask = altinn().inspect('maskOwnerIds')?.globalValue;
    try {
      const masked = !(altinn().get<boolean>('maskOwnerIds') ?? false);
      asked['maskOwnerIds'] = await askedAbout(instance, () => altinn().update('maskOwnerIds', masked, vscode.ConfigurationTarget.Global));
    } finally {
      await altinn().update('maskOwnerIds', mask, vscode.ConfigurationTarget.Global);
    }

    const pins = h.api.services.pins;
    try {
      asked['pin'] = await askedAbout(instance, () => pins.pinApp(h.envId, parseAppId(PERMIT)));
    } finally {
      await pins.unpinApp(h.envId, parseAppId(PERMIT));
    }
    assert.deepEqual(asked, { 'Load more': [], filter: [], 'clear filter': [], maskOwnerIds: [], pin: [] });
  });

  it('brings an open form up to date when the user refreshes its app, and when they refresh the view', async () => {
    const instance = await newBuildingPermit(h);
    const element = formElement(instance);
    const document = await openForm(instance);

    await h.other.data.replace(instance, element.id, Buffer.from(withApplicant(storedText(h, element.id), 'Changed Before App Refresh')), { contentType: 'application/xml' });
    await vscode.commands.executeCommand('altinn.refreshNode', await appNode());
    await until(() => /Changed Before App Refresh/.test(document.getText()), 'the tab shows the server version after Refresh on the app');

    await h.other.data.replace(instance, element.id, Buffer.from(withApplicant(storedText(h, element.id), 'Changed Before View Refresh')), { contentType: 'application/xml' });
    await vscode.commands.executeCommand('altinn.refresh');
    await until(() => /Changed Before View Refresh/.test(document.getText()), 'the tab shows the server version after Refresh on the view');
    assert.equal(document.isDirty, false);
  });
});

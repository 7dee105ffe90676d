import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parseAppId, parseInstanceId, type Instance } from '../../src/api';
import { formElement, newBuildingPermit, nodeFor, TEST_USER, until, useDataHarness } from './dataHarness';
import { mentioning, requestsDuring } from './requestCount';

// What opening a data element costs, counted at the emulator (issue 16): the instance, the process and the
// content once each, also on the first open of an app. The data types that tell form data from attachments come
// from Storage's application list the tree already read; the App API metadata only when that list cannot serve.
describe('Requests per open of a data element', function () {
  this.timeout(60_000);
  const h = useDataHarness();

  function guidOf(instance: Instance): string {
    return parseInstanceId(instance.id).guid;
  }

  /** Requests about this instance or about the app's description, from either the App API or Storage. */
  function aboutOpen(instance: Instance): (request: string) => boolean {
    return mentioning(guidOf(instance), 'applicationmetadata', '/storage/api/v1/applications');
  }

  /**
   * What has happened before the tree shows an instance's data elements: the user is signed in (a sign-in change
   * reloads the tree, which drops the list) and the app was found in Storage's list (src/tree/instanceNode.ts getChildren).
   */
  async function treeShows(instance: Instance): Promise<void> {
    await until(() => h.api.auth.getIdentity(h.envId) !== undefined, 'the automatic sign-in finishes', 10_000);
    assert.ok(await h.api.services.applications.find(h.envId, instance.appId), "the app is in Storage's list");
  }

  async function openWithCommand(instance: Instance): Promise<string[]> {
    const element = formElement(instance);
    await treeShows(instance);
    const { result, requests } = await requestsDuring(h.emulator, aboutOpen(instance), () =>
      vscode.commands.executeCommand<vscode.Uri | undefined>('altinn.openDataElement', nodeFor(h, instance, element)),
    );
    assert.ok(result, 'the element opened');
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /<BuildingPermit/);
    return requests;
  }

  function expected(instance: Instance): string[] {
    return [
      `GET /storage/api/v1/instances/${instance.id}`,
      `GET /ttd/building-permit/instances/${instance.id}/process`,
      `GET /ttd/building-permit/instances/${instance.id}/data/${formElement(instance).id}`,
    ].sort();
  }

  it('opens form data from the tree with three requests, the first open of the app too: the instance, the process and the content', async () => {
    h.api.services.applications.clear(h.envId);
    const first = await newBuildingPermit(h);
    const cold = await openWithCommand(first);
    const second = await newBuildingPermit(h);
    const warm = await openWithCommand(second);
    console.log(`      first open of the app: ${cold.length} requests\n        ${cold.join('\n        ')}`);
    console.log(`      next open: ${warm.length} requests\n        ${warm.join('\n        ')}`);
    assert.deepEqual(cold.sort(), expected(first));
    assert.deepEqual(warm.sort(), expected(second));
  });

  it("asks the App API for the metadata when Storage's list cannot be read, and still opens form data as form data", async () => {
    const api = h.api;
    api.services.applications.clear(h.envId);
    h.emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/applications($|\\?)', kind: 'status', status: 503, times: 10 });
    try {
      const instance = await newBuildingPermit(h);
      const element = formElement(instance);
      const uri = h.data.uriFor({ envId: h.envId, appId: parseAppId(instance.appId), instanceId: parseInstanceId(instance.id), dataId: element.id, fileName: 'model.json' });
      const { requests } = await requestsDuring(h.emulator, aboutOpen(instance), async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      });
      // Form data asked for as JSON (an attachment would open as its stored XML bytes).
      assert.doesNotThrow(() => JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? ''));
      assert.ok(requests.includes('GET /ttd/building-permit/api/v1/applicationmetadata'), requests.join(', '));
    } finally {
      h.emulator.faults.reset();
      api.services.applications.clear(h.envId);
    }
  });

  it('opens form data by its URI (a restored editor) with the same three requests', async () => {
    const instance = await newBuildingPermit(h);
    const element = formElement(instance);
    const uri = h.data.uriFor({ envId: h.envId, appId: parseAppId(instance.appId), instanceId: parseInstanceId(instance.id), dataId: element.id, fileName: 'model.xml' });
    await treeShows(instance);
    const { requests } = await requestsDuring(h.emulator, aboutOpen(instance), async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    });
    assert.deepEqual(requests.sort(), expected(instance));
  });

  it('reads the instance again when the extension changed it between stat and content', async () => {
    const api = h.api;
    const instance = await newBuildingPermit(h);
    const element = formElement(instance);
    const uri = h.data.uriFor({ envId: h.envId, appId: parseAppId(instance.appId), instanceId: parseInstanceId(instance.id), dataId: element.id, fileName: 'model.xml' });
    assert.equal((await vscode.workspace.fs.stat(uri)).permissions, undefined, 'writable while in Task_1');
    // The extension itself moves the process on: Task_1 ends and its form data is locked.
    await api.registry.client(h.envId).process.next({ appId: parseAppId(instance.appId), id: instance.id });
    const { requests } = await requestsDuring(h.emulator, mentioning(guidOf(instance)), async () => vscode.workspace.fs.readFile(uri));
    assert.ok(requests.includes(`GET /storage/api/v1/instances/${instance.id}`), 'the instance was read again');
    assert.match(h.data.fileSystem.readOnlyReason(uri) ?? '', /locked/i);
  });

  it("ends a cancelled request at once while it waits for the extension's automatic sign-in", async () => {
    const api = h.api;
    const config = vscode.workspace.getConfiguration('altinn');
    const previous = config.inspect('environments')?.globalValue;
    const envId = `${h.envId}-slow`;
    h.emulator.faults.add({ method: 'GET', path: '^/Home/GetTestUserToken', kind: 'latency', latencyMs: 4_000, times: 1 });
    try {
      await config.update(
        'environments',
        [...(previous as object[]), { id: envId, name: 'Slow sign-in', kind: 'emulator', url: h.emulator.url, autoSignIn: { testUser: TEST_USER } }],
        vscode.ConfigurationTarget.Global,
      );
      await until(() => !!api.registry.get(envId)?.environment, 'the second environment is loaded');
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      await assert.rejects(api.registry.client(envId).apps.metadata('ttd/building-permit', { signal: controller.signal }), /Cancelled/);
      assert.ok(Date.now() - started < 2_000, `cancelled while signing in, not after the 4 s token request (${Date.now() - started} ms)`);
      // The sign-in itself goes on for the view (activation started it without a signal), and later requests use it.
      await until(() => api.auth.getIdentity(envId) !== undefined, 'the automatic sign-in finishes', 10_000);
      assert.ok(await api.registry.client(envId).apps.metadata('ttd/building-permit'));
    } finally {
      h.emulator.faults.reset();
      await config.update('environments', previous, vscode.ConfigurationTarget.Global);
    }
  });
});

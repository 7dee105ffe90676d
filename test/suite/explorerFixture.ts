// Shared set-up for the explorer's VS Code suites (tree*, instances*, process*): an emulator started in
// the extension host and environments pointing at it with automatic test sign-in. Dialogs: scriptedPrompts.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AltinnExplorerApi } from '../../src/extension';
import type { AltinnNode, AppNode, DataElementNode, InstanceNode, NodeContext } from '../../src/tree/nodes';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';

export const EXTENSION_ID = 'altinn-explorer.altinn-explorer';
const WAIT_MS = 20_000;

export interface ExplorerFixture {
  readonly api: AltinnExplorerApi;
  readonly emulator: Emulator;
  /** Signed in as the service owner ttd. */
  readonly orgEnv: string;
  /** Signed in as test user 1337. */
  readonly userEnv: string;
  close(): Promise<void>;
}

export async function activateExplorer(): Promise<AltinnExplorerApi> {
  const ext = vscode.extensions.getExtension<AltinnExplorerApi>(EXTENSION_ID);
  assert.ok(ext, 'extension not installed');
  return ext.activate();
}

/**
 * Starts an emulator and configures two environments on it: the service owner ttd, and test user 1337
 * (who may represent 501337 and 500000).
 */
export async function startExplorerFixture(opts: EmulatorOptions & { pageSize?: number } = {}): Promise<ExplorerFixture> {
  const api = await activateExplorer();
  const emulator = await startEmulator({ seed: 'default', ...opts });
  // Fresh ids per fixture (each suite file is its own bundle, so no shared counter): a session kept under
  // an old id would belong to an emulator that is gone.
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const orgEnv = `emu-ttd-${suffix}`;
  const userEnv = `emu-1337-${suffix}`;
  const altinn = vscode.workspace.getConfiguration('altinn');
  await altinn.update('language', 'en', vscode.ConfigurationTarget.Global);
  await altinn.update('instancesPageSize', opts.pageSize ?? 100, vscode.ConfigurationTarget.Global);
  await altinn.update(
    'environments',
    [
      {
        id: orgEnv,
        name: 'Emulator (ttd)',
        kind: 'emulator',
        url: emulator.url,
        autoSignIn: { testOrg: 'ttd', orgNumber: '405003309', scopes: 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write' },
      },
      { id: userEnv, name: 'Emulator (1337)', kind: 'emulator', url: emulator.url, autoSignIn: { testUser: 1337 } },
    ],
    vscode.ConfigurationTarget.Global,
  );
  await waitFor('both environments signed in', () => api.auth.getIdentity(orgEnv) !== undefined && api.auth.getIdentity(userEnv) !== undefined);
  await api.refresh();
  return {
    api,
    emulator,
    orgEnv,
    userEnv,
    async close() {
      for (const envId of [orgEnv, userEnv]) {
        await api.auth.signOut(envId);
      }
      for (const key of ['environments', 'pinnedApps', 'pinnedOrgs', 'instancesPageSize', 'language']) {
        await altinn.update(key, undefined, vscode.ConfigurationTarget.Global);
      }
      await emulator.close();
    },
  };
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function label(node: AltinnNode): string {
  const l = node.getTreeItem().label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

export function contextValue(node: AltinnNode): string {
  return node.getTreeItem().contextValue ?? '';
}

export async function children(api: AltinnExplorerApi, node?: AltinnNode): Promise<AltinnNode[]> {
  return api.tree.provider.getChildren(node);
}

/** Walks down the tree by labels (or a predicate per level), failing with what was there instead. */
export async function walk(api: AltinnExplorerApi, ...path: (string | ((n: AltinnNode) => boolean))[]): Promise<AltinnNode> {
  let node: AltinnNode | undefined;
  for (const step of path) {
    const kids = await children(api, node);
    const found = kids.find((k) => (typeof step === 'string' ? label(k) === step : step(k)));
    assert.ok(found, `no child ${String(step)} under ${node ? label(node) : 'root'}; found: ${kids.map(label).join(', ')}`);
    node = found;
  }
  assert.ok(node);
  return node;
}

// The suites are bundled apart from the extension, so its node classes are not ours: `instanceof` cannot
// work across the two bundles. Nodes are told apart by the first tag of their contextValue instead.
const kind = (n: AltinnNode) => contextValue(n).split(';')[0];
export const isInstanceNode = (n: AltinnNode): n is InstanceNode => kind(n) === 'instance';
export const isDataElementNode = (n: AltinnNode): n is DataElementNode => kind(n) === 'dataElement';
export const isAppNode = (n: AltinnNode): n is AppNode => kind(n) === 'app';
export const isLoadMoreNode = (n: AltinnNode | undefined) => n !== undefined && kind(n) === 'loadMore';
export const isErrorNode = (n: AltinnNode | undefined) => n !== undefined && kind(n) === 'error';
export const isSignInNode = (n: AltinnNode | undefined) => n !== undefined && kind(n) === 'signIn';
export const isMessageNode = (n: AltinnNode | undefined) => n !== undefined && kind(n) === 'message';

export const isEnv = (envId: string) => (n: AltinnNode) => n.context.envId === envId && contextValue(n).startsWith('environment');
export const hasTag = (tag: string) => (n: AltinnNode) => contextValue(n).split(';').includes(tag);
export const isApp = (appId: string) => (n: AltinnNode) => contextValue(n).startsWith('app;') && appIdOf(n.context) === appId;

export function appIdOf(context: NodeContext): string | undefined {
  return context.appId ? `${context.appId.org}/${context.appId.app}` : undefined;
}

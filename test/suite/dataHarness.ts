// Shared set-up of the data-element suites (data*.test.ts): an in-process emulator, the extension
// pointed at it with a test identity, and a second, independent client that plays "someone else".
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AltinnClient, Environment, parseAppId, type DataElement, type Instance } from '../../src/api';
import type { AltinnExplorerApi, DataFeatures } from '../../src/extension';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator';
import { ScriptedPrompts } from './scriptedPrompts';

export const EXTENSION_ID = 'altinn-explorer.altinn-explorer';
export const TEST_USER = 1337;
export const TEST_PARTY = 501337;

export interface Harness {
  /** Unique per harness: a token another suite's emulator signed is never offered to this one. */
  readonly envId: string;
  readonly emulator: Emulator;
  /** What the activated extension returns. */
  readonly api: AltinnExplorerApi;
  readonly data: DataFeatures;
  /** The same user as the extension, through its own client: changes the server behind the editor's back. */
  readonly other: AltinnClient;
  /** The scripted user answering the extension's dialogs (and recording its messages). */
  readonly prompts: ScriptedPrompts;
  /** A fresh scripted user, without what the last test scripted. */
  resetPrompts(): void;
  dispose(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ seed: 'default', ...options });
  const extension = vscode.extensions.getExtension<AltinnExplorerApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the host`);
  const api = await extension.activate();
  assert.ok(api.data, 'activate() does not return the data features (api.data)');
  const envId = `data-tests-${Date.now().toString(36)}`;
  const config = vscode.workspace.getConfiguration('altinn');
  const previous = config.inspect('environments')?.globalValue;
  await config.update(
    'environments',
    [{ id: envId, name: 'Data tests', kind: 'emulator', url: emulator.url, autoSignIn: { testUser: TEST_USER } }],
    vscode.ConfigurationTarget.Global,
  );
  await until(() => !!api.registry.get(envId)?.environment, 'the environment is loaded from the setting');

  const token = await (await fetch(`${emulator.url}/Home/GetTestUserToken/${TEST_USER}`)).text();
  const other = new AltinnClient({
    environment: new Environment({ id: 'other', name: 'other', kind: 'emulator', url: emulator.url }),
    getToken: async () => token,
  });
  let prompts = new ScriptedPrompts(api);
  return {
    envId,
    emulator,
    api,
    data: api.data,
    other,
    get prompts() {
      return prompts;
    },
    resetPrompts() {
      prompts.dispose();
      prompts = new ScriptedPrompts(api);
    },
    async dispose() {
      prompts.dispose();
      await closeAllEditors();
      await vscode.workspace.getConfiguration('altinn').update('environments', previous, vscode.ConfigurationTarget.Global);
      await emulator.close();
    },
  };
}

/**
 * The hooks the data suites share: one harness for the suite, and after each test fresh prompts, no fault left and
 * no editor open. The harness returned reads the one `before` started; use it inside tests and hooks only.
 */
export function useDataHarness(options: EmulatorOptions = {}): Harness {
  let started: Harness | undefined;
  const now = (): Harness => {
    assert.ok(started, 'the harness is started in before()');
    return started;
  };
  before(async () => {
    started = await startHarness(options);
  });
  after(async () => {
    await started?.dispose();
  });
  afterEach(async () => {
    started?.resetPrompts();
    started?.emulator.faults.reset();
    await closeAllEditors();
  });
  return {
    get envId() {
      return now().envId;
    },
    get emulator() {
      return now().emulator;
    },
    get api() {
      return now().api;
    },
    get data() {
      return now().data;
    },
    get other() {
      return now().other;
    },
    get prompts() {
      return now().prompts;
    },
    resetPrompts: () => now().resetPrompts(),
    dispose: () => now().dispose(),
  };
}

/** A fresh Task_1 instance of ttd/building-permit owned by the test user, so tests do not share state. */
export async function newBuildingPermit(h: Harness, applicant = 'Sophie Salt'): Promise<Instance> {
  const created = await h.other.instances.createWithPrefill('ttd/building-permit', { owner: { partyId: TEST_PARTY }, prefill: { applicant } });
  return h.other.instances.get(created);
}

export function formElement(instance: Instance): DataElement {
  const element = instance.data?.find((d) => d.dataType === 'model');
  assert.ok(element, `instance ${instance.id} has no model element`);
  return element;
}

/** What a tree node hands a command: only its `context` is read. */
export function nodeFor(h: Harness, instance: Instance, dataElement?: DataElement): { context: object } {
  return { context: { envId: h.envId, appId: parseAppId(instance.appId), instance, dataElement } };
}

export function storedText(h: Harness, dataId: string): string {
  const bytes = h.emulator.store.getDataBytes(dataId);
  assert.ok(bytes, `the emulator has no bytes for ${dataId}`);
  return bytes.toString('utf8');
}

/** Replaces the whole text of a document, as typing would, leaving it dirty. */
export async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'the edit was applied');
  assert.equal(document.isDirty, true);
}

/** Sets the `<applicant>` of BuildingPermit XML, whether it was empty or not. */
export function withApplicant(xml: string, applicant: string): string {
  const pattern = /<applicant\s*\/>|<applicant>[^<]*<\/applicant>/;
  assert.match(xml, pattern, 'form data has an <applicant> element');
  return xml.replace(pattern, `<applicant>${applicant}</applicant>`);
}

/** Waits for a condition the extension reaches asynchronously; fails with `what` if it never does. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > end) {
      assert.fail(`never happened: ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Closes every editor without save prompts: unsaved changes are reverted first. */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Runs a command that is expected to fail and returns the error messages it showed. The command wrapper
 * shows its error notification before the command returns (without waiting for it to close), so the
 * harness's scripted prompts have recorded them when it does.
 */
export async function executeFailing(h: Harness, command: string, ...args: unknown[]): Promise<string[]> {
  const before = h.prompts.errors().length;
  const result = await vscode.commands.executeCommand(command, ...args);
  assert.equal(result, undefined, `${command} returned a result instead of failing`);
  return h.prompts.errors().slice(before);
}

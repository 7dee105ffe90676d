// Issue 8 inside VS Code: the tree under faults (error node with retry, recovery once the fault is lifted),
// state-changing commands hit by a 503, a reset or a lost answer (reported with "Refresh instance", never
// retried, at most one effect on the emulator), prefill that is not JSON, tokens kept out of logs,
// settings and the clipboard, and no unhandled promise rejection in the extension host throughout.
// Saves under faults are in reliabilitySaves.test.ts.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AltinnClient, Environment, type Instance } from '../../src/api';
import type { InstanceNode } from '../../src/tree/nodes';
import type { FaultRule } from '../emulator';
import {
  children,
  isApp,
  isEnv,
  isErrorNode,
  isInstanceNode,
  label,
  startExplorerFixture,
  waitFor,
  walk,
  type ExplorerFixture,
} from './explorerFixture';
import { failOnUnhandledRejections } from './reliabilityHooks';
import { ScriptedPrompts } from './scriptedPrompts';

describe('Reliability in VS Code: the explorer under faults, bad input and secrets', function () {
  this.timeout(90_000);
  failOnUnhandledRejections();

  let fx: ExplorerFixture;
  let dialogs: ScriptedPrompts;
  let owner: AltinnClient;
  let token: string;
  /** Every line the extension logged while the suite ran. */
  const logged: string[] = [];
  let restoreLog: (() => void) | undefined;

  before(async () => {
    fx = await startExplorerFixture();
    token = (await fx.api.auth.getToken(fx.orgEnv)) ?? assert.fail('the org environment has no token');
    owner = new AltinnClient({ environment: new Environment({ id: 'side', name: 'side', kind: 'emulator', url: fx.emulator.url }), getToken: async () => token });
    restoreLog = captureLog(fx.api.log, logged);
  });
  after(async () => {
    restoreLog?.();
    await fx?.close();
  });
  beforeEach(() => {
    dialogs = new ScriptedPrompts(fx.api);
  });
  afterEach(async () => {
    dialogs.dispose();
    fx.emulator.faults.reset();
    assert.deepEqual(dialogs.unexpected, [], 'every dialog was expected');
  });

  const appNode = () => walk(fx.api, isEnv(fx.orgEnv), 'ttd', isApp('ttd/building-permit'));
  const addFault = (rule: FaultRule) => fx.emulator.faults.add(rule);

  async function newInstance(applicant = 'Reliability In VS Code'): Promise<Instance> {
    return owner.instances.createWithPrefill('ttd/building-permit', { owner: { partyId: 501337 }, prefill: { applicant } });
  }

  async function instanceNode(instance: Instance): Promise<InstanceNode> {
    const app = await appNode();
    await fx.api.tree.refresh(app);
    const node = (await children(fx.api, app)).find((n): n is InstanceNode => isInstanceNode(n) && n.instance.id === instance.id);
    assert.ok(node, `instance ${instance.id} shows under its app`);
    return node;
  }

  /** Answers the next error message that offers "Refresh instance" by choosing it, as a user checking the outcome would. */
  function clickRefreshOnError(): { offered: string[]; texts: string[] } {
    const seen = { offered: [] as string[], texts: [] as string[] };
    dialogs.answerMessages((text, buttons, level) => {
      if (level !== 'error') return undefined;
      seen.texts.push(text);
      seen.offered.push(...buttons);
      return buttons.includes('Refresh instance') ? 'Refresh instance' : undefined;
    });
    return seen;
  }

  describe('the tree under faults', () => {
    const faults: [string, FaultRule][] = [
      ['a burst of 500s', { method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 500 }],
      ['503s that do not stop', { method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 503 }],
      ['429s with Retry-After that do not stop', { method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 429, retryAfterSeconds: 0 }],
      ['connection resets', { method: 'GET', path: '^/storage/api/v1/instances$', kind: 'reset' }],
      ['truncated bodies', { method: 'GET', path: '^/storage/api/v1/instances$', kind: 'truncate' }],
    ];
    for (const [name, rule] of faults) {
      it(`${name}: the instance list shows an error node with retry, and recovers once the fault is lifted`, async () => {
        const app = await appNode();
        addFault(rule);
        await fx.api.tree.refresh(app);
        const failed = await children(fx.api, app);
        assert.equal(failed.length, 1, `one node instead of the list, got ${failed.map(label).join(', ')}`);
        assert.ok(isErrorNode(failed[0]), `an error node, got ${label(failed[0])}`);
        const item = failed[0].getTreeItem();
        assert.ok(String(item.label).trim().length > 0, 'the error says what went wrong');
        assert.ok(!String(item.label).includes(token), 'no token in the error node');
        assert.equal(item.command?.command, 'altinn.refreshNode', 'clicking it retries');

        fx.emulator.faults.reset();
        await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
        const recovered = await children(fx.api, app);
        assert.ok(recovered.some(isInstanceNode), `instances again after the retry, got ${recovered.map(label).join(', ')}`);
      });
    }

    it('a failed refresh of one instance keeps its last known content, logs the failure and warns that it may be stale', async () => {
      const instance = await newInstance();
      const node = await instanceNode(instance);
      const shown = (await children(fx.api, node)).map(label);
      addFault({ method: 'GET', path: `/instances/\\d+/${instance.id.split('/')[1]}$`, kind: 'status', status: 500 });
      const logLines = logged.length;
      const warningsBefore = dialogs.warnings.length;
      await fx.api.tree.refresh(node);
      const warnings = dialogs.warnings.slice(warningsBefore);
      assert.deepEqual((await children(fx.api, node)).map(label), shown, 'nothing lost, nothing half-loaded');
      assert.ok(logged.slice(logLines).some((l) => /failed/.test(l) && l.includes(instance.id.split('/')[1])), 'the failure is logged');
      assert.equal(warnings.length, 1, 'one warning');
      assert.match(warnings[0], /Could not refresh .*last loaded/);
      assert.ok((await children(fx.api, await appNode())).some(isInstanceNode), 'its siblings still show');
      fx.emulator.faults.reset();
      await fx.api.tree.refresh(node);
      assert.deepEqual((await children(fx.api, node)).map(label), shown);
    });

    it('a 5 s latency: the list arrives late but whole, without an error', async () => {
      const app = await appNode();
      addFault({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'latency', latencyMs: 5_000, times: 1 });
      await fx.api.tree.refresh(app);
      const kids = await children(fx.api, app);
      assert.ok(kids.some(isInstanceNode) && !kids.some(isErrorNode), kids.map(label).join(', '));
    });
  });

  describe('state-changing commands are reported with a way to check, never retried, and take effect at most once', () => {
    for (const kind of ['reset', 'truncate'] as const) {
      it(`process next hit by ${kind === 'reset' ? 'a connection reset' : 'a lost answer'}`, async () => {
        const instance = await newInstance();
        const node = await instanceNode(instance);
        addFault({ method: 'PUT', path: '/process/next$', kind, times: 1 });
        const seen = clickRefreshOnError();
        dialogs.pick('Move on');
        await vscode.commands.executeCommand('altinn.processNext', node);
        assert.equal(seen.texts.length, 1, 'one error message');
        assert.match(seen.texts[0], /may or may not have taken effect/);
        assert.deepEqual(seen.offered, ['Refresh instance']);
        assert.equal(fx.emulator.store.stats.processNextCount[instance.id], 1, 'sent once: never retried');
        const expected = kind === 'truncate' ? 'Task_2' : 'Task_1';
        assert.equal(fx.emulator.store.getInstance(instance.id)?.process?.currentTask?.elementId, expected, 'moved at most once');
        // Choosing "Refresh instance" shows what really happened.
        await waitFor('the refreshed node shows the real task', () =>
          fx.api.tree.provider.instanceNodes(fx.orgEnv, instance.id).some((n) => n.instance.process?.currentTask?.elementId === expected),
        );
      });
    }

    for (const [kind, rule] of [
      ['503', { kind: 'status', status: 503 }],
      ['reset', { kind: 'reset' }],
      ['lost answer', { kind: 'truncate' }],
    ] as const) {
      it(`create instance hit by ${kind}: reported, at most one instance created`, async () => {
        const app = await appNode();
        const before = fx.emulator.store.stats.instancesCreated;
        // times: 1, so a retry would get through and show up as a created instance.
        addFault({ method: 'POST', path: '^/ttd/building-permit/instances$', ...rule, times: 1 });
        const seen = clickRefreshOnError();
        dialogs.type('501337').pick('No prefill').pick('No initial data');
        const result = await vscode.commands.executeCommand('altinn.createInstance', app);
        assert.equal(result, undefined);
        assert.equal(seen.texts.length, 1);
        assert.match(seen.texts[0], /may or may not have taken effect/);
        assert.deepEqual(seen.offered, ['Refresh instance']);
        const created = fx.emulator.store.stats.instancesCreated - before;
        assert.equal(created, kind === 'lost answer' ? 1 : 0, 'at most one instance, and only when the server got the request');
      });
    }

    it('delete hit by a reset and confirm-complete hit by a 503: reported, sent once', async () => {
      const a = await newInstance();
      const nodeA = await instanceNode(a);
      // times: 1 each: a retried request would get through and change the instance.
      addFault({ method: 'DELETE', path: `/instances/501337/${a.id.split('/')[1]}$`, kind: 'reset', times: 1 });
      let seen = clickRefreshOnError();
      dialogs.pick('Soft delete').confirm('Delete');
      await vscode.commands.executeCommand('altinn.deleteInstance', nodeA);
      assert.deepEqual(seen.offered, ['Refresh instance']);
      assert.equal(fx.emulator.store.getInstance(a.id)?.status?.isSoftDeleted ?? false, false);

      fx.emulator.faults.reset();
      const b = await newInstance();
      const nodeB = await instanceNode(b);
      addFault({ method: 'POST', path: '/complete$', kind: 'status', status: 503, times: 1 });
      seen = clickRefreshOnError();
      dialogs.confirm('Confirm complete');
      await vscode.commands.executeCommand('altinn.confirmComplete', nodeB);
      assert.deepEqual(seen.offered, ['Refresh instance']);
      assert.deepEqual(fx.emulator.store.getInstance(b.id)?.completeConfirmations ?? [], []);
    });
  });

  describe('prefill that is not valid JSON', () => {
    for (const [text, reason] of [
      ['{"applicant": ', /Not valid JSON/],
      ["{'applicant': 'x'}", /Not valid JSON/],
      ['[1, 2]', /JSON object/],
      ['"applicant"', /JSON object/],
      ['{"applicant": {"first": "Ola"}}', /string, number or boolean/],
    ] as const) {
      it(`${JSON.stringify(text)} is refused in the box, and nothing is created`, async () => {
        const app = await appNode();
        const before = fx.emulator.store.stats.instancesCreated;
        dialogs.type('501337').pick('Type prefill JSON').type(text);
        await vscode.commands.executeCommand('altinn.createInstance', app);
        assert.equal(dialogs.refused.length, 1);
        assert.match(dialogs.refused[0], reason);
        assert.deepEqual(dialogs.errors(), [], 'giving up is silent');
        assert.equal(fx.emulator.store.stats.instancesCreated, before);
      });
    }

    it('a prefill file that is not JSON is reported, and nothing is created', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'altinn-prefill-'));
      try {
        const file = path.join(dir, 'prefill.json');
        writeFileSync(file, 'applicant = Ola');
        const app = await appNode();
        const before = fx.emulator.store.stats.instancesCreated;
        dialogs.type('501337').pick('Prefill from a JSON file').openFile(vscode.Uri.file(file));
        await vscode.commands.executeCommand('altinn.createInstance', app);
        assert.equal(dialogs.errors().length, 1);
        assert.match(dialogs.errors()[0], /JSON/);
        assert.equal(fx.emulator.store.stats.instancesCreated, before);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('tokens stay out of logs, settings and the clipboard', () => {
    it('after everything above (faults, failed commands, sign-in) and a copy of id and URL', async () => {
      const instance = await newInstance();
      const node = await instanceNode(instance);
      await vscode.commands.executeCommand('altinn.copyInstanceId', node);
      const copiedId = await vscode.env.clipboard.readText();
      await vscode.commands.executeCommand('altinn.copyInstanceUrl', node);
      const copiedUrl = await vscode.env.clipboard.readText();
      assert.equal(copiedId, instance.id);
      const signature = token.split('.')[2];
      const settings = JSON.stringify(vscode.workspace.getConfiguration('altinn').inspect('environments')) + JSON.stringify(vscode.workspace.getConfiguration('altinn'));
      for (const [where, text] of [['clipboard', copiedId + copiedUrl], ['settings', settings], ['log', logged.join('\n')]] as const) {
        assert.ok(!text.includes(signature), `the token is in the ${where}`);
        assert.ok(!/bearer\s+ey/i.test(text), `an Authorization value is in the ${where}`);
      }
      assert.ok(logged.length > 20, `the log was captured (${logged.length} lines)`);
    });
  });
});

type LogMethod = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'appendLine' | 'append';

/** Records everything written to the extension's log channel; returns a function that puts it back. */
function captureLog(log: vscode.LogOutputChannel, into: string[]): () => void {
  const target = log as unknown as Record<LogMethod, (...args: unknown[]) => void>;
  const originals = new Map<LogMethod, (...args: unknown[]) => void>();
  for (const name of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append'] as const) {
    const original = target[name].bind(log);
    originals.set(name, target[name]);
    target[name] = (...args: unknown[]) => {
      into.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      original(...args);
    };
  }
  return () => {
    for (const [name, fn] of originals) target[name] = fn;
  };
}


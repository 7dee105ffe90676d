// Issue 6 "must show": after sign-in, browsing, editing and sign-out, no token, key or secret is in the
// extension's log, the settings, the workspace folder or the clipboard.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AltinnNode } from '../../src/tree/base';
import type { AltinnExplorerApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../emulator';
import { addEmulatorEnvironment, EmulatorTraffic, extensionApi, removeEnvironment, SERVICE_OWNER_SCOPES } from './authFixture';
import { ScriptedPrompts } from './scriptedPrompts';

const ENV = 'auth-scan';
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/;
const LOG_METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace'] as const;

/** Everything written to the extension's log channel from now on. */
function captureLog(log: vscode.LogOutputChannel): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const target = log as unknown as Record<string, (...args: unknown[]) => void>;
  const originals = LOG_METHODS.map((m) => [m, target[m]] as const);
  for (const [name, original] of originals) {
    target[name] = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack ?? ''}` : String(a))).join(' '));
      original.apply(log, args);
    };
  }
  return { lines, restore: () => originals.forEach(([name, original]) => (target[name] = original)) };
}

/** Depth-first through the tree the way a user expands it, with a budget. */
async function browse(api: AltinnExplorerApi, node: AltinnNode, budget: { nodes: number }, found: AltinnNode[]): Promise<void> {
  if (budget.nodes-- <= 0) return;
  found.push(node);
  const item = node.getTreeItem();
  if (item.collapsibleState === vscode.TreeItemCollapsibleState.None) return;
  const children = await api.tree.provider.getChildren(node);
  // Like a user looking for something to edit: open instances still in their data task first.
  const editable = (n: AltinnNode) => (/(^|;)active(;|$)/.test(String(n.getTreeItem().contextValue)) && /task-Task_1/.test(String(n.getTreeItem().contextValue)) ? 0 : 1);
  for (const child of [...children].sort((x, y) => editable(x) - editable(y)).slice(0, 3)) await browse(api, child, budget, found);
}

async function workspaceTexts(): Promise<{ path: string; text: string }[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const out: { path: string; text: string }[] = [];
  for (const folder of folders) {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), '**/{node_modules,.git}/**', 5000);
    for (const uri of files) {
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength < 5_000_000) out.push({ path: uri.fsPath, text: Buffer.from(bytes).toString('latin1') });
    }
  }
  return out;
}

/**
 * The log files VS Code wrote to disk (our LogOutputChannel's file, the extension host's and the server's),
 * when the suite runs in the launcher's own temp folder (workspace and logs side by side).
 */
function diskLogs(): { path: string; text: string }[] {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const root = workspace && path.dirname(workspace);
  if (!root || !path.basename(root).startsWith('altinn-vscode-suite-')) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === 'chromium' ? [] : walk(path.join(dir, e.name))) : e.name.endsWith('.log') ? [path.join(dir, e.name)] : [],
    );
  return walk(root).map((f) => ({ path: f, text: readFileSync(f, 'latin1') }));
}

function settingsText(): string {
  const config = vscode.workspace.getConfiguration();
  const values: unknown[] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else {
      const inspected = config.inspect(prefix);
      values.push(prefix, inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue);
    }
  };
  walk('', vscode.workspace.getConfiguration('altinn'));
  values.push(JSON.stringify(config));
  return JSON.stringify(values);
}

describe('Auth: no secret leaks after a full session', () => {
  let api: AltinnExplorerApi;
  let emulator: Emulator;
  let traffic: EmulatorTraffic;

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator();
    traffic = EmulatorTraffic.forUrl(emulator.url);
    await addEmulatorEnvironment(api, { id: ENV, url: emulator.url });
  });

  after(async () => {
    await removeEnvironment(api, ENV);
    traffic.dispose();
    await emulator.close();
  });

  it('keeps tokens and keys out of the log, settings, workspace and clipboard', async () => {
    const ui = new ScriptedPrompts(api);
    const log = captureLog(api.log);
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const jwkD = String(privateKey.export({ format: 'jwk' }).d);
    const secrets: string[] = [];
    try {
      await vscode.env.clipboard.writeText('clipboard before the test');
      emulator.registerMaskinportenClient({
        clientId: 'auth-scan-client',
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        orgNumber: '405003309',
        scopes: SERVICE_OWNER_SCOPES.split(' '),
      });
      // Sign in as an app owner through Maskinporten, with a 401 on the way so that renewal runs too.
      ui.script({ pick: 'Maskinporten' }, { input: 'auth-scan-client' }, { input: SERVICE_OWNER_SCOPES }, { pick: 'Paste' }, { input: pem }, { input: '' });
      await api.auth.signIn(ENV);
      emulator.faults.add({ method: 'GET', path: '^/storage/api/v1/instances$', kind: 'status', status: 401, times: 1 });

      // Browse: environment › org › app › instances › data elements.
      await api.refresh();
      const envNode = api.tree.provider.environmentNode(ENV);
      assert.ok(envNode, 'the signed-in environment is in the tree');
      const seen: AltinnNode[] = [];
      await browse(api, envNode, { nodes: 60 }, seen);
      const formNode = seen.find((n) => /(^|;)dataElement;unlocked;form(;|$)/.test(String(n.getTreeItem().contextValue)) && !/readonly/.test(String(n.getTreeItem().contextValue)));
      assert.ok(formNode?.context.dataElement && formNode.context.instance, `browsing reached an editable form data element (saw ${seen.map((n) => n.getTreeItem().contextValue).join(' | ')})`);

      // Edit: through the editor when the data features are there, else through the API client.
      const { instance, dataElement } = formNode.context;
      const client = api.registry.client(ENV);
      if ((await vscode.commands.getCommands(true)).includes('altinn.openDataElement')) {
        await vscode.commands.executeCommand('altinn.openDataElement', formNode);
        const editor = vscode.window.activeTextEditor;
        assert.ok(editor, 'the data element opened');
        const text = editor.document.getText().replace(/(<applicant>)[^<]*(<\/applicant>)/, '$1Secret Scan$2');
        await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), text));
        assert.equal(await editor.document.save(), true, 'saved');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      } else {
        const xml = await client.data.getFormData(instance, dataElement.id, 'xml');
        await client.data.replace(instance, dataElement.id, Buffer.from(xml.replace(/(<applicant>)[^<]*(<\/applicant>)/, '$1Secret Scan$2')), {
          filename: dataElement.filename ?? 'model.xml',
          contentType: 'application/xml',
        });
      }

      // The other methods, so that their secrets are in play too.
      const external = (await (await fetch(`${emulator.url}/_emulator/idporten-token?pid=01039012345&scope=altinn:instances.read`)).text()).trim();
      secrets.push(external);
      ui.script({ pick: 'ID-porten token' }, { input: external });
      await api.auth.signIn(ENV);
      const pasted = emulator.issueToken({ 'urn:altinn:userid': 12345, 'urn:altinn:partyid': 512345, 'urn:altinn:authlevel': 2 });
      secrets.push(pasted);
      ui.script({ pick: 'Paste an Altinn token' }, { input: pasted });
      await api.auth.signIn(ENV);
      await client.apps.parties('ttd/building-permit');
      await vscode.commands.executeCommand('altinn.showTokenClaims', ENV);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      await vscode.commands.executeCommand('altinn.signOut', ENV);
      assert.equal(await api.auth.hasStoredSession(ENV), false);
    } finally {
      log.restore();
      ui.dispose();
    }

    // Every bearer token the emulator saw, and every token it issued to us.
    for (const r of traffic.requests) {
      const m = /^Bearer (.+)$/.exec(r.authorization ?? '');
      if (m) secrets.push(m[1]);
    }
    assert.ok(secrets.length >= 5, `collected the session's tokens (${secrets.length})`);
    const pemBody = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const keyParts = [pemBody.slice(0, 64), pemBody.slice(-64), jwkD.slice(0, 40)];
    // A token's signature is the part that makes it a credential; look for it alone as well.
    const needles = [...new Set(secrets.flatMap((t) => [t, t.split('.')[2]]))].filter((s) => s && s.length >= 20);

    const disk = diskLogs();
    const places: { name: string; text: string }[] = [
      { name: 'log', text: log.lines.join('\n') },
      { name: 'settings', text: settingsText() },
      { name: 'clipboard', text: await vscode.env.clipboard.readText() },
      ...(await workspaceTexts()).map((f) => ({ name: `workspace file ${f.path}`, text: f.text })),
      ...disk.map((f) => ({ name: `log file ${f.path}`, text: f.text })),
    ];
    if (disk.length > 0) assert.ok(disk.some((f) => f.path.endsWith('Altinn Explorer.log')), 'the extension\'s own log file is among those scanned');
    assert.ok(log.lines.length > 5, `the log saw the session (${log.lines.length} lines)`);
    for (const place of places) {
      assert.ok(!JWT_PATTERN.test(place.text), `a JWT in the ${place.name}`);
      assert.ok(!/PRIVATE KEY/.test(place.text), `a private key in the ${place.name}`);
      for (const needle of [...needles, ...keyParts]) {
        assert.ok(!place.text.includes(needle), `a secret (${needle.slice(0, 6)}…) in the ${place.name}`);
      }
    }
  });
});

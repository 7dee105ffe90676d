import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type Placement } from '../../src/commands/table';
import type { AltinnExplorerApi } from '../../src/extension';

/**
 * The manifest and the code must agree: these read package.json at run time, so they keep holding as
 * commands, views and settings are added.
 */
const EXTENSION_ID = 'altinn-explorer.altinn-explorer';
const VIEW_CONTAINER_ID = 'altinn';
const VIEW_ID = 'altinnExplorer';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

interface ConfigurationSection {
  properties?: Record<string, { default?: unknown }>;
}

interface MenuItem {
  command: string;
  when?: string;
}

interface Manifest {
  contributes?: {
    commands?: ContributedCommand[];
    menus?: Record<string, MenuItem[]>;
    viewsContainers?: { activitybar?: { id: string; title: string; icon: string }[] };
    views?: Record<string, { id: string }[]>;
    configuration?: ConfigurationSection | ConfigurationSection[];
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the host`);
  return ext;
}

function manifest(): Manifest {
  return extension().packageJSON as Manifest;
}

/** package.json as written: `packageJSON` at run time has the titles already localized. */
function rawManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(extension().extensionPath, 'package.json'), 'utf8')) as Manifest;
}

function declaredSettings(): [string, { default?: unknown }][] {
  const configuration = manifest().contributes?.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  return sections.flatMap((s) => Object.entries(s.properties ?? {}));
}

describe('Extension activation and manifest', () => {
  before(async () => {
    await extension().activate();
  });

  it('activates, and hands back the API the tests and scripts use', async () => {
    // activate() resolves with whatever activation returned (undefined if it returned nothing).
    const api = (await extension().activate()) as Partial<AltinnExplorerApi> | undefined;
    assert.equal(extension().isActive, true);
    assert.ok(api, 'activation returned no API');
    for (const member of ['registry', 'auth', 'tree', 'services', 'problems', 'data', 'prompts', 'log'] as const) {
      assert.ok(api[member], `the API has no ${member}`);
    }
    assert.equal(typeof api.auth?.getToken, 'function');
    assert.equal(typeof api.refresh, 'function');
    assert.ok(api.getTreeProvider?.(), 'the API has no tree provider');
  });

  it('contributes the Altinn view container and the altinnExplorer view, and both open', async () => {
    const containers = manifest().contributes?.viewsContainers?.activitybar ?? [];
    const container = containers.find((c) => c.id === VIEW_CONTAINER_ID);
    assert.ok(container, `no activity-bar view container "${VIEW_CONTAINER_ID}" in package.json`);
    assert.ok(container.icon.endsWith('.svg'), 'the activity-bar icon is an SVG file');
    const views = manifest().contributes?.views?.[VIEW_CONTAINER_ID] ?? [];
    assert.ok(views.some((v) => v.id === VIEW_ID), `no view "${VIEW_ID}" in container "${VIEW_CONTAINER_ID}"`);

    // The workbench derives these commands from the contributions it actually registered.
    const all = await vscode.commands.getCommands(false);
    assert.ok(all.includes(`workbench.view.extension.${VIEW_CONTAINER_ID}`), 'view container not registered');
    assert.ok(all.includes(`${VIEW_ID}.focus`), 'view not registered');
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  });

  it('registers every command it contributes', async () => {
    const contributed = (manifest().contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed in package.json but not registered: ${missing.join(', ')}`);
  });

  it('contributes every altinn.* command it registers', async () => {
    const contributed = new Set((manifest().contributes?.commands ?? []).map((c) => c.command));
    const registered = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('altinn.'));
    const hidden = registered.filter((id) => !contributed.has(id));
    assert.deepEqual(hidden, [], `registered but not in package.json: ${hidden.join(', ')}`);
  });

  it('contributes exactly the commands of the command table, with their titles', () => {
    const contributed = rawManifest().contributes?.commands ?? [];
    assert.deepEqual(contributed.map((c) => c.command).sort(), COMMANDS.map((c) => c.id).sort(), 'package.json and src/commands/table.ts list the same commands');
    assert.equal(new Set(COMMANDS.map((c) => c.id)).size, COMMANDS.length, 'each command once in the table');
    for (const command of COMMANDS) {
      assert.equal(contributed.find((c) => c.command === command.id)?.title, command.title, `title of ${command.id}`);
    }
  });

  it('shows each command where the command table says: palette, view title, tree items', () => {
    const menus = manifest().contributes?.menus ?? {};
    const inMenu = (menu: string, id: string) => (menus[menu] ?? []).some((m) => m.command === id);
    for (const command of COMMANDS) {
      const shows: Placement[] = [];
      if (!(menus.commandPalette ?? []).some((m) => m.command === command.id && m.when === 'never')) shows.push('palette');
      if (inMenu('view/title', command.id)) shows.push('viewTitle');
      if (inMenu('view/item/context', command.id)) shows.push('item');
      assert.deepEqual(shows, [...command.shows], `where ${command.id} shows`);
    }
  });

  it('gives every contributed command an altinn.* id and the category "Altinn"', () => {
    for (const c of manifest().contributes?.commands ?? []) {
      assert.ok(c.command.startsWith('altinn.'), `${c.command} is not an altinn.* command`);
      assert.ok(c.category, `${c.command} has no category`);
    }
  });

  it('has the defaults the team contract documents', () => {
    // README.md, Settings: altinn.environments defaults to [], altinn.instancesPageSize to 100.
    const documented: Record<string, unknown> = { 'altinn.environments': [], 'altinn.instancesPageSize': 100 };
    const declared = new Map(declaredSettings());
    for (const [key, value] of Object.entries(documented)) {
      assert.ok(declared.has(key), `setting ${key} is not declared in package.json`);
      assert.deepEqual(vscode.workspace.getConfiguration().inspect(key)?.defaultValue, value, `default of ${key}`);
    }
  });

  it('declares a default for every setting, and VS Code reports that default', () => {
    const settings = declaredSettings();
    for (const [key, schema] of settings) {
      assert.ok('default' in schema, `setting ${key} declares no default`);
      const inspected = vscode.workspace.getConfiguration().inspect(key);
      assert.ok(inspected, `setting ${key} is unknown to VS Code`);
      assert.deepEqual(inspected.defaultValue, schema.default, `default of ${key}`);
    }
  });
});

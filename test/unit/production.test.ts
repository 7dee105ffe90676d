import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { definesEnvironments, isProduction, mustConfirm, scopeOf } from '../../src/environments/production';

describe('Production safety decisions (src/environments/production.ts)', () => {
  it('counts kind production always, other kinds only when flagged', () => {
    assert.equal(isProduction({ kind: 'production' }), true);
    assert.equal(isProduction({ kind: 'production', production: false }), true, 'the flag cannot turn production off');
    assert.equal(isProduction({ kind: 'custom', production: true }), true);
    assert.equal(isProduction({ kind: 'tt02' }), false);
    assert.equal(isProduction(undefined), false);
  });

  it('asks in production unless the setting is off, and always when the command asks everywhere', () => {
    const prod = { kind: 'production' };
    const test = { kind: 'tt02' };
    assert.equal(mustConfirm([test, prod], { always: false, confirmInProduction: true }), true);
    assert.equal(mustConfirm([prod], { always: false, confirmInProduction: false }), false);
    assert.equal(mustConfirm([test], { always: false, confirmInProduction: true }), false);
    assert.equal(mustConfirm([test], { always: true, confirmInProduction: false }), true);
  });

  it('writes a setting where its value in force is read from', () => {
    assert.equal(scopeOf({ workspaceValue: ['a:ttd'] }, { applicationScoped: false }), 'workspace');
    assert.equal(scopeOf({}, { applicationScoped: false }), 'global');
    assert.equal(scopeOf({ workspaceValue: [] }, { applicationScoped: true }), 'global', 'VS Code ignores a workspace value of an application setting');
  });

  it('finds altinn.environments in a settings file', () => {
    assert.equal(definesEnvironments('{\n  // mine\n  "altinn.environments" : [{"id":"p"}]\n}'), true);
    assert.equal(definesEnvironments('{ "altinn.pinnedApps": ["a:ttd/x"] }'), false);
  });

  it('declares the settings that decide where tokens go, and the confirmation switch, user-settings only', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: unknown }; virtualWorkspaces: { supported: unknown } };
      contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } };
    };
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['altinn.environments'].scope, 'application');
    assert.equal(props['altinn.confirmWritesInProduction'].scope, 'application');
    assert.equal(props['altinn.confirmWritesInProduction'].default, true);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, true);
  });
});

import * as vscode from 'vscode';
import { formatAppId, parseAppId, type AppId } from '../api';
import { scopeOf, type SettingsScope } from './production';

/** Pinned orgs and apps per environment, kept in the `altinn.pinnedOrgs` / `altinn.pinnedApps` settings. */
export class PinStore {
  pinnedApps(envId: string): AppId[] {
    return read('pinnedApps')
      .map((entry) => splitEntry(entry))
      .filter((e): e is [string, string] => e !== undefined && e[0] === envId)
      .flatMap(([, id]) => {
        try {
          return [parseAppId(id)];
        } catch {
          return [];
        }
      });
  }

  pinnedOrgs(envId: string): string[] {
    return read('pinnedOrgs')
      .map((entry) => splitEntry(entry))
      .filter((e): e is [string, string] => e !== undefined && e[0] === envId)
      .map(([, org]) => org);
  }

  isAppPinned(envId: string, appId: AppId): boolean {
    return read('pinnedApps').includes(appKey(envId, appId));
  }

  isOrgPinned(envId: string, org: string): boolean {
    return read('pinnedOrgs').includes(`${envId}:${org}`);
  }

  async pinApp(envId: string, appId: AppId): Promise<void> {
    await write('pinnedApps', [...new Set([...read('pinnedApps'), appKey(envId, appId)])]);
  }

  async pinOrg(envId: string, org: string): Promise<void> {
    await write('pinnedOrgs', [...new Set([...read('pinnedOrgs'), `${envId}:${org}`])]);
  }

  async unpinApp(envId: string, appId: AppId): Promise<void> {
    await write('pinnedApps', read('pinnedApps').filter((e) => e !== appKey(envId, appId)));
  }

  async unpinOrg(envId: string, org: string): Promise<void> {
    await write('pinnedOrgs', read('pinnedOrgs').filter((e) => e !== `${envId}:${org}`));
  }
}

export function appKey(envId: string, appId: AppId): string {
  return `${envId}:${formatAppId(appId)}`;
}

function splitEntry(entry: string): [string, string] | undefined {
  const i = entry.indexOf(':');
  return i > 0 ? [entry.slice(0, i), entry.slice(i + 1)] : undefined;
}

function read(key: 'pinnedApps' | 'pinnedOrgs'): string[] {
  const value = vscode.workspace.getConfiguration('altinn').get<unknown[]>(key) ?? [];
  return value.filter((v): v is string => typeof v === 'string');
}

/** Written to the scope the value in force is read from: a workspace's own pins stay in the workspace. */
async function write(key: 'pinnedApps' | 'pinnedOrgs', value: string[]): Promise<void> {
  const altinn = vscode.workspace.getConfiguration('altinn');
  await altinn.update(key, value, configurationTarget(scopeOf(altinn.inspect(key), { applicationScoped: false })));
}

function configurationTarget(scope: SettingsScope): vscode.ConfigurationTarget {
  return scope === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
}

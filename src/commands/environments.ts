import * as vscode from 'vscode';
import { Environment, type EnvironmentKind } from '../api';
import type { EnvironmentSetting } from '../environments/registry';
import { EnvironmentNode, type AltinnNode } from '../tree/nodes';
import { errorMessage, required } from '../util/errors';
import type { CommandContext } from './context';

// Adding and removing entries of the `altinn.environments` setting.

interface KindItem extends vscode.QuickPickItem {
  envKind: EnvironmentKind;
  defaultName: string;
  defaultUrl?: string;
  needsUrl: boolean;
}

function kindItems(): KindItem[] {
  return [
    { envKind: 'tt02', label: 'TT02', detail: vscode.l10n.t('Altinn test environment for service owners'), defaultName: 'TT02', needsUrl: false },
    { envKind: 'production', label: vscode.l10n.t('Production'), detail: 'altinn.no', defaultName: vscode.l10n.t('Production'), needsUrl: false },
    { envKind: 'localtest', label: 'Localtest', detail: vscode.l10n.t('app-localtest (http://local.altinn.cloud) or studioctl (http://local.altinn.cloud:8000) on this machine'), defaultName: 'Localtest', defaultUrl: 'http://local.altinn.cloud', needsUrl: true },
    { envKind: 'emulator', label: vscode.l10n.t('Emulator'), detail: vscode.l10n.t('The Altinn Explorer emulator'), defaultName: vscode.l10n.t('Emulator'), defaultUrl: 'http://127.0.0.1:5101', needsUrl: true },
    { envKind: 'custom', label: vscode.l10n.t('Custom'), detail: vscode.l10n.t('Any other Altinn 3 environment, by URL'), defaultName: '', needsUrl: true },
  ];
}

export async function addEnvironment(deps: CommandContext): Promise<void> {
  const title = vscode.l10n.t('Add Altinn environment');
  const kind = required(await deps.prompts.showQuickPick(kindItems(), { title, placeHolder: vscode.l10n.t('Kind of environment') }));
  const name = required(
    await deps.prompts.showInputBox({
      title,
      prompt: vscode.l10n.t('Name shown in the tree'),
      value: kind.defaultName,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name.')),
    }),
  ).trim();
  let url: string | undefined;
  if (kind.needsUrl) {
    url = required(
      await deps.prompts.showInputBox({
        title,
        prompt: vscode.l10n.t('Base URL (apps are at <URL>/<org>/<app>)'),
        value: kind.defaultUrl,
        validateInput: (v) => validateUrl(kind.envKind, v),
      }),
    ).trim();
  }
  const setting: EnvironmentSetting = { id: uniqueId(deps, name), name, kind: kind.envKind, ...(url ? { url } : {}) };
  await deps.registry.add(setting);
}

function validateUrl(kind: EnvironmentKind, value: string): string | undefined {
  try {
    new Environment({ id: 'check', name: 'check', kind, url: value.trim() });
    return undefined;
  } catch (err) {
    return errorMessage(err);
  }
}

function uniqueId(deps: CommandContext, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'env';
  let id = base;
  for (let n = 2; deps.registry.get(id); n++) {
    id = `${base}-${n}`;
  }
  return id;
}

export async function removeEnvironment(deps: CommandContext, node?: AltinnNode): Promise<void> {
  let envId = node instanceof EnvironmentNode ? node.entry.id : undefined;
  if (!envId) {
    const items = deps.registry.list().map((e) => ({ label: e.setting.name, description: e.setting.kind, id: e.id }));
    envId = required(await deps.prompts.showQuickPick(items, { title: vscode.l10n.t('Remove Altinn environment') })).id;
  }
  const name = deps.registry.get(envId)?.setting.name ?? envId;
  const remove = vscode.l10n.t('Remove');
  const answer = await deps.prompts.showWarningMessage(
    vscode.l10n.t('Remove the environment "{0}" from the settings?', name),
    { modal: true, detail: vscode.l10n.t('Its pinned apps stay in the settings; sign-in secrets are kept until you sign out.') },
    remove,
  );
  if (answer !== remove) {
    throw new vscode.CancellationError();
  }
  await deps.registry.remove(envId);
}

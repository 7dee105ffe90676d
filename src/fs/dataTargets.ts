import * as vscode from 'vscode';
import { parseAppId, parseInstanceId, type AppId, type DataElement, type Instance } from '../api';
import type { EnvironmentRegistry } from '../environments/registry';
import type { AltinnNode } from '../tree/base';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { DataPrompts } from './prompts';

/** An instance a command acts on, with where it lives (and the tree node it was chosen by, if any). */
export interface InstanceTarget {
  readonly envId: string;
  readonly appId: AppId;
  readonly instance: Instance;
  readonly node?: AltinnNode;
}

/** A data element a data command acts on. */
export interface ElementTarget extends InstanceTarget {
  readonly element: DataElement;
}

export interface TargetDeps {
  readonly registry: Pick<EnvironmentRegistry, 'list' | 'client'>;
  readonly prompts: DataPrompts;
}

export function instanceTargetOf(node: AltinnNode): InstanceTarget | undefined {
  const { envId, appId, instance } = node.context;
  return appId && instance ? { envId, appId, instance, node } : undefined;
}

export function elementTargetOf(node: AltinnNode): ElementTarget | undefined {
  const target = instanceTargetOf(node);
  const element = node.context.dataElement;
  return target && element ? { ...target, element } : undefined;
}

/** From the palette: the user names the instance (`org/app/partyId/guid` or an instance URL). */
export async function askForInstance(deps: TargetDeps): Promise<InstanceTarget> {
  const envs = deps.registry.list().filter((e) => e.environment);
  if (envs.length === 0) {
    throw new Error(vscode.l10n.t('No Altinn environment is configured. Run "Altinn: Add Environment…" first.'));
  }
  const env =
    envs.length === 1
      ? envs[0]
      : required(await deps.prompts.pickOne(envs.map((e) => ({ label: e.setting.name, description: e.setting.kind, entry: e })), vscode.l10n.t('Altinn environment'))).entry;
  const text = required(
    await deps.prompts.input(vscode.l10n.t('Instance as org/app/partyId/guid, or an instance URL'), (v) =>
      parseInstanceText(v) ? undefined : vscode.l10n.t('Expected org/app/partyId/guid, like ttd/building-permit/501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e'),
    ),
  );
  const parsed = required(parseInstanceText(text));
  const instance = await withProgress(vscode.l10n.t('Loading instance…'), (signal) =>
    deps.registry.client(env.id).instances.get({ appId: parsed.appId, id: parsed.instanceId }, { signal }),
  );
  return { envId: env.id, appId: parsed.appId, instance };
}

/** From the palette: the instance (unless given), then one of its data elements. */
export async function askForElement(deps: TargetDeps, instance?: InstanceTarget): Promise<ElementTarget> {
  const target = instance ?? (await askForInstance(deps));
  const elements = target.instance.data ?? [];
  if (elements.length === 0) {
    throw new Error(vscode.l10n.t('The instance {0} has no data elements.', target.instance.id));
  }
  const picked = required(
    await deps.prompts.pickOne(
      elements.map((e) => ({ label: e.filename ?? e.dataType, description: `${e.dataType} · ${e.contentType ?? ''}`, element: e })),
      vscode.l10n.t('Data element'),
    ),
  );
  return { ...target, element: picked.element };
}

/** `org/app/partyId/guid`, or any URL with `/{org}/{app}/instances/{partyId}/{guid}`. */
export function parseInstanceText(text: string): { appId: AppId; instanceId: string } | undefined {
  const match = /([a-z0-9]+)\/([a-z0-9_-]+)\/(?:instances\/)?(\d+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  try {
    const appId = parseAppId(`${match[1]}/${match[2]}`);
    const id = parseInstanceId(`${match[3]}/${match[4]}`);
    return { appId, instanceId: `${id.partyId}/${id.guid}` };
  } catch {
    return undefined;
  }
}

import * as vscode from 'vscode';
import { formatAppId, parseAppId, parseInstanceId, type AppId, type DataElement, type Instance } from '../api';
import type { EnvironmentRegistry } from '../environments/registry';
import type { AltinnNode } from '../tree/base';
import { AppNode, InstanceNode } from '../tree/nodes';
import type { AuthView, TreeServices } from '../tree/services';
import type { AltinnTree } from '../tree/view';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import type { Prompts } from '../util/prompts';
import { appItems } from './appPicks';

/** An instance a command acts on, with where it lives (and the tree node it was chosen by, if any). */
export interface InstanceTarget {
  readonly envId: string;
  readonly appId: AppId;
  readonly instance: Instance;
  readonly node?: AltinnNode;
}

/** A data element a command acts on. */
export interface ElementTarget extends InstanceTarget {
  readonly element: DataElement;
}

export interface TargetDeps {
  readonly registry: EnvironmentRegistry;
  readonly auth: Pick<AuthView, 'getIdentity'>;
  readonly tree: Pick<AltinnTree, 'selectionFor'>;
  readonly services: Pick<TreeServices, 'applications'>;
  readonly prompts: Prompts;
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

/**
 * What a command acts on: taken from the tree node it was run on, or asked for when it was run from the
 * palette. One resolver for every command, so "which instance?" reads the same text everywhere.
 */
export class Targets {
  constructor(private readonly deps: TargetDeps) {}

  /** The environment of the node, or the one the user picks (only signed-in ones; no prompt if there is one). */
  async environment(node?: AltinnNode | string): Promise<string> {
    if (typeof node === 'string') {
      return node;
    }
    if (node?.context.envId) {
      return node.context.envId;
    }
    const usable = this.deps.registry.list().filter((e) => e.environment);
    const signedIn = usable.filter((e) => this.deps.auth.getIdentity(e.id));
    const candidates = signedIn.length > 0 ? signedIn : usable;
    if (candidates.length === 0) {
      throw new Error(vscode.l10n.t('No Altinn environment is configured. Run "Altinn: Add Environment…" first.'));
    }
    if (candidates.length === 1) {
      return candidates[0].id;
    }
    const picked = await this.deps.prompts.showQuickPick(
      candidates.map((e) => ({ label: e.setting.name, description: e.setting.kind, id: e.id })),
      { title: vscode.l10n.t('Altinn environment') },
    );
    return required(picked).id;
  }

  /** The app of the node, or one the user picks from the environment's applications. */
  async app(envId: string, node?: AltinnNode): Promise<AppId> {
    if (node?.context.appId) {
      return node.context.appId;
    }
    const identity = this.deps.auth.getIdentity(envId);
    const apps = await withProgress(vscode.l10n.t('Loading apps…'), () => this.deps.services.applications.list(envId));
    const items = appItems(apps, identity?.kind === 'org' ? identity.org : undefined);
    const picked = await this.deps.prompts.showQuickPick(items, { title: vscode.l10n.t('App'), matchOnDescription: true });
    return parseAppId(required(picked).id);
  }

  /**
   * The instance of the node, or one the user names (fetched so that the command sees its state): as
   * `org/app/partyId/guid`, an instance URL, or `partyId/guid` in the node's app or an app picked after.
   */
  async instance(node?: AltinnNode): Promise<InstanceTarget> {
    const fromNode = node && instanceTargetOf(node);
    if (fromNode) {
      return { ...fromNode, node: node instanceof InstanceNode ? node : undefined };
    }
    const envId = await this.environment(node);
    const knownApp = node?.context.appId;
    const example = '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e';
    const text = required(
      await this.deps.prompts.showInputBox({
        title: knownApp ? vscode.l10n.t('Instance in {0}', formatAppId(knownApp)) : vscode.l10n.t('Instance'),
        prompt: knownApp ? vscode.l10n.t('Instance id as partyId/guid, or an instance URL') : vscode.l10n.t('Instance as org/app/partyId/guid, partyId/guid, or an instance URL'),
        placeHolder: knownApp ? example : `ttd/building-permit/${example}`,
        validateInput: (v) => (instanceIdFromText(v) ? undefined : vscode.l10n.t('Expected partyId/guid, like 501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e')),
      }),
    );
    const named = parseInstanceText(text);
    const appId = knownApp ?? named?.appId ?? (await this.app(envId, node));
    const id = named?.instanceId ?? instanceIdFromText(text) ?? text;
    const fetched = await withProgress(vscode.l10n.t('Loading instance…'), (signal) => this.deps.registry.client(envId).instances.get({ appId, id }, { signal }));
    return { envId, appId, instance: fetched };
  }

  /** The element of the node, or one the user picks among the data of the node's (or a named) instance. */
  async element(node?: AltinnNode): Promise<ElementTarget> {
    const fromNode = node && elementTargetOf(node);
    if (fromNode) {
      return fromNode;
    }
    const target = (node && instanceTargetOf(node)) ?? (await this.instance(node));
    const elements = target.instance.data ?? [];
    if (elements.length === 0) {
      throw new Error(vscode.l10n.t('The instance {0} has no data elements.', target.instance.id));
    }
    const picked = required(
      await this.deps.prompts.showQuickPick(
        elements.map((e) => ({ label: e.filename ?? e.dataType, description: `${e.dataType} · ${e.contentType ?? ''}`, element: e })),
        { placeHolder: vscode.l10n.t('Data element'), ignoreFocusOut: true },
      ),
    );
    return { ...target, element: picked.element };
  }

  /** The instances a command acts on: the tree's selection when the node is part of it, else the node or one the user names. */
  async instances(node?: AltinnNode, selected?: readonly AltinnNode[]): Promise<InstanceTarget[]> {
    const chosen = this.selectedInstances(node, selected);
    return chosen.length > 0 ? chosen : [await this.instance(node)];
  }

  /** The multi-selection's instances when the node is part of it; empty otherwise. */
  selectedInstances(node?: AltinnNode, selected?: readonly AltinnNode[]): InstanceTarget[] {
    return this.deps.tree
      .selectionFor(node, selected)
      .filter((n): n is InstanceNode => n instanceof InstanceNode)
      .map((n) => ({ envId: n.context.envId, appId: n.context.appId as AppId, instance: n.instance, node: n }));
  }
}

/** Accepts `partyId/guid` or any URL containing `/instances/{partyId}/{guid}`. */
export function instanceIdFromText(text: string): string | undefined {
  const match = /(\d+)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(text.trim());
  if (!match) {
    return undefined;
  }
  try {
    parseInstanceId(`${match[1]}/${match[2]}`);
    return `${match[1]}/${match[2].toLowerCase()}`;
  } catch {
    return undefined;
  }
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

/** Finds the app node a target belongs to among the nodes the view has shown. */
export function appNodeFor(tree: Pick<AltinnTree, 'provider'>, envId: string, appId: AppId): AppNode | undefined {
  return tree.provider
    .knownNodes()
    .find((n): n is AppNode => n instanceof AppNode && n.envId === envId && formatAppId(n.appId) === formatAppId(appId));
}

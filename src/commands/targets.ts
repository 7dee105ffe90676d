import * as vscode from 'vscode';
import { AltinnApiError, formatAppId, parseAppId, parseInstanceText, type AppId, type DataElement, type Instance } from '../api';
import type { AltinnNode } from '../tree/base';
import { AppNode, InstanceNode } from '../tree/nodes';
import type { TreeServices } from '../tree/services';
import type { AltinnTree } from '../tree/view';
import { required } from '../util/errors';
import { withProgress } from '../util/progress';
import { appItems } from './appPicks';
import type { FinderDeps, KnownInstance } from './instanceFinder';
import { MAX_RECENT } from './recentInstances';

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

export interface TargetDeps extends FinderDeps {
  readonly tree: Pick<AltinnTree, 'selectionFor' | 'provider'>;
  readonly services: Pick<TreeServices, 'applications'>;
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
   * The instance of the node, or one the user picks among recent and open instances or names (read fresh, so
   * that the command sees its state), in the node's app when it has one. Either way it becomes the most recent.
   */
  async instance(node?: AltinnNode): Promise<InstanceTarget> {
    const fromNode = node && instanceTargetOf(node);
    if (fromNode) {
      await this.remember(fromNode);
      return { ...fromNode, node: node instanceof InstanceNode ? node : undefined };
    }
    const envId = await this.environment(node);
    const knownApp = node?.context.appId;
    const title = knownApp ? vscode.l10n.t('Instance in {0}', formatAppId(knownApp)) : vscode.l10n.t('Instance');
    const { recentAndOpen } = await import('./instanceFinder');
    const offered = recentAndOpen(this.deps, envId, knownApp);
    const picked = offered.length > 0 ? await this.pickOffered(offered, title) : undefined;
    const instance = picked ? await this.readKnown(envId, picked) : await this.named(envId, await this.askInstanceText(title), knownApp);
    if (knownApp && formatAppId(knownApp) !== instance.appId) {
      throw new Error(vscode.l10n.t('Instance {0} belongs to {1}, not {2}.', instance.id, instance.appId, formatAppId(knownApp)));
    }
    const target = { envId, appId: parseAppId(instance.appId), instance };
    await this.remember(target);
    return target;
  }

  /** The instance a text names: a whole id, a guid, its first characters or a URL (src/api/instance-text.ts). */
  async named(envId: string, text: string, appHint?: AppId): Promise<Instance> {
    const named = parseInstanceText(text);
    if (!named) {
      throw new Error(vscode.l10n.t('"{0}" names no instance. {1}', text.trim(), instanceTextHint()));
    }
    const { findInstance } = await import('./instanceFinder');
    const instance = await findInstance(this.deps, envId, named, appHint);
    if (named.kind === 'id' && named.appId && formatAppId(named.appId) !== instance.appId) {
      throw new Error(vscode.l10n.t('Instance {0} belongs to {1}, not {2}.', instance.id, instance.appId, formatAppId(named.appId)));
    }
    return instance;
  }

  /** Asks for an instance id, guid, short id or URL; refuses anything else while it is typed. */
  async askInstanceText(title: string): Promise<string> {
    const text = required(
      await this.deps.prompts.showInputBox({
        title,
        prompt: vscode.l10n.t('Instance id (partyId/guid), guid, short id (its first 8 characters) or URL'),
        placeHolder: '501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' || parseInstanceText(v) ? undefined : instanceTextHint()),
      }),
    );
    // Enter on an empty box is taken as a change of mind, as Escape.
    return required(text.trim() === '' ? undefined : text);
  }

  /** Makes the target the most recent instance. */
  remember(target: Pick<InstanceTarget, 'envId' | 'instance'>): Promise<void> {
    return this.deps.recent.record(target.envId, target.instance);
  }

  /** A recent or open instance, or undefined for "Enter an id or URL…". */
  private async pickOffered(offered: KnownInstance[], title: string): Promise<KnownInstance | undefined> {
    const enter = { label: vscode.l10n.t('Enter an id or URL…'), iconPath: new vscode.ThemeIcon('edit'), alwaysShow: true, known: undefined };
    const { knownItem } = await import('./instanceFinder');
    const picked = required(await this.deps.prompts.showQuickPick([...offered.map(knownItem), enter], { title, placeHolder: vscode.l10n.t('Recent and open instances, newest first'), matchOnDescription: true, matchOnDetail: true }));
    return picked.known;
  }

  /** Reads a recent or open instance again; one that is gone leaves the recent list. */
  private async readKnown(envId: string, known: KnownInstance): Promise<Instance> {
    try {
      const { findInstance } = await import('./instanceFinder');
      return await findInstance(this.deps, envId, { kind: 'id', instanceId: known.instanceId });
    } catch (err) {
      if (err instanceof AltinnApiError && err.status === 404) {
        await this.deps.recent.forget(envId, known.instanceId);
      }
      throw err;
    }
  }

  /** The element of the node, or one the user picks among the data of the node's (or a named) instance. */
  async element(node?: AltinnNode): Promise<ElementTarget> {
    const fromNode = node && elementTargetOf(node);
    if (fromNode) {
      await this.remember(fromNode);
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
    for (const target of chosen.slice(0, MAX_RECENT).reverse()) {
      await this.remember(target);
    }
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

function instanceTextHint(): string {
  return vscode.l10n.t('Expected partyId/guid, a guid, its first 8 characters or an instance URL, like 501337/5a2fa5ec-f97c-4816-b57a-dc78a981917e');
}

/** Finds the app node a target belongs to among the nodes the view has shown. */
export function appNodeFor(tree: Pick<AltinnTree, 'provider'>, envId: string, appId: AppId): AppNode | undefined {
  return tree.provider
    .knownNodes()
    .find((n): n is AppNode => n instanceof AppNode && n.envId === envId && formatAppId(n.appId) === formatAppId(appId));
}

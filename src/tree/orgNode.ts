import * as vscode from 'vscode';
import { parseAppId } from '../api';
import { CommandIds } from '../commands/ids';
import { AppNode } from './appNode';
import { AltinnNode, tags, type NodeContext } from './base';
import { MessageNode } from './infoNodes';
import type { TreeServices } from './services';

/**
 * An app owner's organisation. The signed-in org and pinned orgs list all their apps from Storage
 * `applications`; any other org shows only the apps pinned in it.
 */
export class OrgNode extends AltinnNode {
  readonly id: string;
  readonly context: NodeContext;

  constructor(
    parent: AltinnNode,
    private readonly services: TreeServices,
    readonly envId: string,
    readonly org: string,
    private readonly own: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/o:${org}`;
    this.context = { envId };
  }

  private get listsAllApps(): boolean {
    return this.own || this.services.pins.isOrgPinned(this.envId, this.org);
  }

  getTreeItem(): vscode.TreeItem {
    const pinned = this.services.pins.isOrgPinned(this.envId, this.org);
    const item = new vscode.TreeItem(this.org, this.own ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('organization');
    // Who is signed in shows on the environment row; this row says which of the org's apps it lists.
    item.description = pinnedAppsLabel(this.services.pins.pinnedApps(this.envId).filter((a) => a.org === this.org).length);
    item.tooltip = this.own
      ? vscode.l10n.t('All apps of {0}, the signed-in service owner', this.org)
      : this.listsAllApps
        ? vscode.l10n.t('All apps of {0}, a pinned org', this.org)
        : vscode.l10n.t('Only the apps pinned in {0}', this.org);
    item.contextValue = tags('org', pinned ? 'pinned' : 'unpinned', this.own && 'own');
    return item;
  }

  override reload(): void {
    this.services.applications.clear(this.envId);
  }

  override async getChildren(): Promise<AltinnNode[]> {
    const apps = (await this.services.applications.list(this.envId)).filter((a) => a.org === this.org);
    const shown = this.listsAllApps ? apps : apps.filter((a) => this.services.pins.isAppPinned(this.envId, parseAppId(a.id)));
    if (shown.length === 0) {
      return [
        new MessageNode(this, this.listsAllApps ? vscode.l10n.t('No apps') : vscode.l10n.t('No pinned apps. Pin app…'), {
          command: CommandIds.pinApp,
          title: vscode.l10n.t('Pin app…'),
          arguments: [this],
        }),
      ];
    }
    const pinnedFirst = (id: string) => (this.services.pins.isAppPinned(this.envId, parseAppId(id)) ? 0 : 1);
    return shown
      .sort((a, b) => pinnedFirst(a.id) - pinnedFirst(b.id) || a.id.localeCompare(b.id))
      .map((a) => new AppNode(this, this.services, this.envId, parseAppId(a.id), a, true));
  }
}

function pinnedAppsLabel(count: number): string | undefined {
  if (count === 0) {
    return undefined;
  }
  return count === 1 ? vscode.l10n.t('1 pinned app') : vscode.l10n.t('{0} pinned apps', count);
}

import * as vscode from 'vscode';
import { formatAppId, parseAppId, type AppId, type RepresentedParty } from '../api';
import { AppNode } from './appNode';
import { AltinnNode, tags, type NodeContext } from './base';
import { MessageNode } from './infoNodes';
import { fetchInstancePage } from './instanceQuery';
import type { TreeServices } from './services';

/** How many of a party's instances are read to find the apps it has instances in. */
const APP_DISCOVERY_SIZE = 1000;

/** A party an app user may represent (a sub-unit names its main unit); its children are the apps it has instances in, plus pinned apps. */
export class PartyNode extends AltinnNode {
  readonly id: string;
  readonly context: NodeContext;

  constructor(
    parent: AltinnNode,
    private readonly services: TreeServices,
    readonly envId: string,
    readonly party: RepresentedParty,
    private readonly own: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/p:${party.partyId}`;
    this.context = { envId, partyId: String(party.partyId) };
  }

  getTreeItem(): vscode.TreeItem {
    const organisation = Boolean(this.party.orgNumber);
    const item = new vscode.TreeItem(this.party.name ?? String(this.party.partyId), this.own ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(organisation ? 'organization' : 'person');
    const mainUnit = this.party.mainUnit;
    item.description = mainUnit
      ? vscode.l10n.t('sub-unit of {0} · org. no. {1} · party {2}', mainUnit.name ?? String(mainUnit.partyId), this.party.orgNumber ?? '', this.party.partyId)
      : organisation
        ? vscode.l10n.t('org. no. {0} · party {1}', this.party.orgNumber ?? '', this.party.partyId)
        : vscode.l10n.t('party {0}', this.party.partyId);
    item.contextValue = tags('party', organisation ? 'organisation' : 'person');
    return item;
  }

  override async getChildren(): Promise<AltinnNode[]> {
    const partyId = String(this.party.partyId);
    const client = this.services.registry.client(this.envId);
    const page = await fetchInstancePage(client, { partyId, filter: {}, size: APP_DISCOVERY_SIZE, includeDataElements: false });
    const appIds = new Map<string, AppId>();
    for (const instance of page.instances) {
      appIds.set(instance.appId, parseAppId(instance.appId));
    }
    for (const pinned of this.services.pins.pinnedApps(this.envId)) {
      appIds.set(formatAppId(pinned), pinned);
    }
    if (appIds.size === 0) {
      return [new MessageNode(this, vscode.l10n.t('No instances for this party'))];
    }
    const applications = await this.services.applications.list(this.envId).catch(() => []);
    return [...appIds.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, appId]) => new AppNode(this, this.services, this.envId, appId, applications.find((a) => a.id === id), false, partyId));
  }
}

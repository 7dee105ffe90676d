import * as vscode from 'vscode';
import { parseAppId, type AppId, type RepresentedParty } from '../api';
import { describeIdentity } from '../auth/labels';
import { CommandIds } from '../commands/ids';
import { isProduction } from '../environments/production';
import type { EnvironmentEntry } from '../environments/registry';
import { AltinnNode, tags, type NodeContext } from './base';
import { MessageNode, SignInNode } from './infoNodes';
import { OrgNode } from './orgNode';
import { PartyNode } from './partyNode';
import type { TreeIdentity, TreeServices } from './services';

/** A configured environment; shows who is signed in, and below it orgs (app owner) or parties (app user). */
export class EnvironmentNode extends AltinnNode {
  readonly id: string;
  readonly context: NodeContext;

  constructor(
    private readonly services: TreeServices,
    readonly entry: EnvironmentEntry,
  ) {
    super(undefined);
    this.id = `env:${entry.id}`;
    this.context = { envId: entry.id };
  }

  private get identity(): TreeIdentity | undefined {
    return this.services.auth.getIdentity(this.entry.id);
  }

  getTreeItem(): vscode.TreeItem {
    const identity = this.identity;
    const item = new vscode.TreeItem(this.entry.setting.name, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    // Production is marked here as in the status bar: the same warning colour, and said in words.
    const production = isProduction(this.entry.setting);
    const icon = this.entry.error ? 'warning' : identity ? 'cloud' : 'cloud-upload';
    item.iconPath = new vscode.ThemeIcon(icon, production ? new vscode.ThemeColor('list.warningForeground') : undefined);
    const state = this.entry.error ? vscode.l10n.t('invalid setting') : identityLabel(identity);
    item.description = production ? `${vscode.l10n.t('production')} · ${state}` : state;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${this.entry.setting.name}** (${this.entry.setting.kind})`,
        production ? `$(warning) ${vscode.l10n.t('Production: changes made here reach live Altinn.')}` : '',
        this.entry.setting.url ?? '',
        this.entry.error ?? identityLabel(identity),
      ]
        .filter(Boolean)
        .join('\n\n'),
      true,
    );
    item.contextValue = tags(
      'environment',
      identity ? 'signedIn' : 'signedOut',
      identity && `identity-${identity.kind}`,
      `kind-${this.entry.setting.kind}`,
      production && 'production',
    );
    return item;
  }

  override async getChildren(): Promise<AltinnNode[]> {
    if (this.entry.error) {
      return [
        new MessageNode(this, this.entry.error, { command: CommandIds.openSettings, title: vscode.l10n.t('Open settings') }, 'warning'),
      ];
    }
    const token = await this.services.auth.getToken(this.entry.id, { silent: true });
    const identity = this.identity;
    if (!token || !identity) {
      return [new SignInNode(this)];
    }
    if (identity.kind === 'org') {
      return this.orgChildren(identity.org);
    }
    if (identity.userId === undefined) {
      return [new MessageNode(this, vscode.l10n.t('This session names no user, so there are no parties to show'))];
    }
    return this.partyChildren(identity.partyId);
  }

  /** The signed-in org first (if it is a service owner), then pinned orgs and orgs of pinned apps. */
  private orgChildren(ownOrg: string | undefined): AltinnNode[] {
    const pins = this.services.pins;
    const others = new Set([...pins.pinnedOrgs(this.entry.id), ...pins.pinnedApps(this.entry.id).map((a) => a.org)]);
    if (ownOrg) {
      others.delete(ownOrg);
    }
    const orgs = [...(ownOrg ? [ownOrg] : []), ...[...others].sort()];
    if (orgs.length === 0) {
      return [
        new MessageNode(this, vscode.l10n.t('No service-owner org in this session. Pin app…'), {
          command: CommandIds.pinApp,
          title: vscode.l10n.t('Pin app…'),
          arguments: [this],
        }),
      ];
    }
    return orgs.map((org) => new OrgNode(this, this.services, this.entry.id, org, org === ownOrg));
  }

  private async partyChildren(ownPartyId: number | undefined): Promise<AltinnNode[]> {
    const appId = await this.partiesApp();
    if (!appId) {
      return [
        new MessageNode(this, vscode.l10n.t('Pin an app to list the parties you may represent'), {
          command: CommandIds.pinApp,
          title: vscode.l10n.t('Pin app…'),
          arguments: [this],
        }),
      ];
    }
    const parties = await this.services.registry.client(this.entry.id).apps.parties(appId);
    this.services.ownerNames.rememberParties(this.entry.id, parties);
    if (parties.length === 0) {
      return [new MessageNode(this, vscode.l10n.t('This user may not represent any party'))];
    }
    return orderParties(parties, ownPartyId).map((p) => new PartyNode(this, this.services, this.entry.id, p, p.partyId === ownPartyId));
  }

  /**
   * The party list is served per app (docs/altinn-behaviour.md §3), and every app gives the same list when not
   * filtered for instantiation: ask the first pinned app, which the user chose and so is deployed here, else the
   * first app Storage knows in this environment.
   */
  private async partiesApp(): Promise<AppId | undefined> {
    const pinned = this.services.pins.pinnedApps(this.entry.id)[0];
    if (pinned) {
      return pinned;
    }
    const first = (await this.services.applications.list(this.entry.id))[0];
    return first ? parseAppId(first.id) : undefined;
  }
}

/** The user's own party first, then main units by name, each followed by its sub-units. */
function orderParties(parties: RepresentedParty[], ownPartyId: number | undefined): RepresentedParty[] {
  const byId = new Map(parties.map((p) => [p.partyId, p]));
  const groupOf = (p: RepresentedParty) => (p.mainUnit && byId.get(p.mainUnit.partyId)) || p;
  const rank = (p: RepresentedParty) => (p.partyId === ownPartyId ? 0 : 1);
  return [...parties].sort((a, b) => {
    const ga = groupOf(a);
    const gb = groupOf(b);
    return rank(ga) - rank(gb) || (ga.name ?? '').localeCompare(gb.name ?? '') || ga.partyId - gb.partyId
      || Number(a !== ga) - Number(b !== gb) || (a.name ?? '').localeCompare(b.name ?? '');
  });
}

function identityLabel(identity: TreeIdentity | undefined): string {
  return identity ? describeIdentity(identity) : vscode.l10n.t('not signed in');
}

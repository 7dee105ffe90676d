import * as vscode from 'vscode';
import type { AppId, Instance } from '../api';
import { AltinnNode, tags, type NodeContext } from './base';
import { DataElementNode } from './dataElementNode';
import { MessageNode } from './infoNodes';
import { instanceDescription, instanceIcon, instanceLabel, instanceState, instanceTooltip, maskOwnerIds, type OwnerView } from './instancePresentation';
import type { TreeServices } from './services';

export class InstanceNode extends AltinnNode {
  readonly id: string;

  constructor(
    parent: AltinnNode,
    private readonly services: TreeServices,
    private readonly envId: string,
    private readonly appId: AppId,
    private current: Instance,
    /** Whether the signed-in identity is the app owner (org) rather than an app user. */
    private readonly asOrg: boolean,
  ) {
    super(parent);
    this.id = `${parent.id}/i:${current.id}`;
    services.ownerNames.rememberInstance(envId, current);
  }

  get instance(): Instance {
    return this.current;
  }

  get context(): NodeContext {
    return { envId: this.envId, appId: this.appId, instance: this.current, partyId: this.parent?.context.partyId };
  }

  /** Replaces the shown instance with a newer copy (after a command changed it). */
  update(instance: Instance): void {
    this.current = instance;
    this.services.ownerNames.rememberInstance(this.envId, instance);
  }

  override async reload(): Promise<void> {
    this.update(await this.services.registry.client(this.envId).instances.get(this.current));
  }

  /** How this row shows its owner: by name where Altinn has given one, numbers masked unless the user chose otherwise. */
  get ownerView(): OwnerView {
    return { ownerName: this.services.ownerNames.nameOf(this.envId, this.current), maskOwnerIds: maskOwnerIds() };
  }

  getTreeItem(): vscode.TreeItem {
    const instance = this.current;
    const item = new vscode.TreeItem(instanceLabel(instance), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const view = this.ownerView;
    item.description = instanceDescription(instance, view);
    item.tooltip = instanceTooltip(instance, view);
    item.iconPath = instanceIcon(instance);
    const task = instance.process?.currentTask;
    item.contextValue = tags(
      'instance',
      instanceState(instance),
      task && `task-${task.elementId}`,
      task?.altinnTaskType && `tasktype-${task.altinnTaskType}`,
      instance.completeConfirmations?.length ? 'confirmed' : 'unconfirmed',
      this.asOrg ? 'asOrg' : 'asUser',
    );
    return item;
  }

  override async getChildren(): Promise<AltinnNode[]> {
    const elements = [...(this.current.data ?? [])].sort((a, b) => a.dataType.localeCompare(b.dataType) || (a.created ?? '').localeCompare(b.created ?? ''));
    if (elements.length === 0) {
      return [new MessageNode(this, vscode.l10n.t('No data elements'))];
    }
    const application = await this.services.applications.find(this.envId, this.current.appId).catch(() => undefined);
    const formTypes = application ? new Set(application.dataTypes.filter((t) => t.appLogic?.classRef).map((t) => t.id)) : undefined;
    return elements.map((e) => new DataElementNode(this, this.envId, this.appId, this.current, e, formTypes));
  }
}

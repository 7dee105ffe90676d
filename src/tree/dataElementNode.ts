import * as vscode from 'vscode';
import { PDF_RECEIPT_DATA_TYPE, type AppId, type DataElement, type Instance } from '../api';
import { CommandIds } from '../commands/ids';
import { AltinnNode, tags, type NodeContext } from './base';
import { dataElementDescription, dataElementLabel, dataElementTooltip, instanceState } from './instancePresentation';

export class DataElementNode extends AltinnNode {
  readonly id: string;

  constructor(
    parent: AltinnNode,
    private readonly envId: string,
    private readonly appId: AppId,
    readonly instance: Instance,
    readonly dataElement: DataElement,
    /** Data types with `appLogic.classRef`, i.e. form data, when the app's metadata is known. */
    private readonly formDataTypes?: ReadonlySet<string>,
  ) {
    super(parent);
    this.id = `${parent.id}/d:${dataElement.id}`;
  }

  get context(): NodeContext {
    return { envId: this.envId, appId: this.appId, instance: this.instance, dataElement: this.dataElement, partyId: this.parent?.context.partyId };
  }

  getTreeItem(): vscode.TreeItem {
    const element = this.dataElement;
    const item = new vscode.TreeItem(dataElementLabel(element), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = dataElementDescription(element);
    item.tooltip = dataElementTooltip(element);
    item.iconPath = element.locked ? new vscode.ThemeIcon('lock') : new vscode.ThemeIcon(iconFor(element, this.isForm()));
    item.contextValue = tags(
      'dataElement',
      element.locked ? 'locked' : 'unlocked',
      this.isForm() ? 'form' : 'binary',
      element.contentType?.startsWith('image/') && 'image',
      element.dataType === PDF_RECEIPT_DATA_TYPE && 'receipt',
      instanceState(this.instance) !== 'active' && 'readonly',
    );
    item.command = { command: CommandIds.openDataElement, title: vscode.l10n.t('Open data element'), arguments: [this] };
    return item;
  }

  private isForm(): boolean {
    if (this.formDataTypes) {
      return this.formDataTypes.has(this.dataElement.dataType);
    }
    const type = this.dataElement.contentType ?? '';
    return type.includes('xml') || type.includes('json');
  }
}

function iconFor(element: DataElement, form: boolean): string {
  if (form) {
    return 'file-code';
  }
  const type = element.contentType ?? '';
  if (type.startsWith('image/')) {
    return 'file-media';
  }
  return type === 'application/pdf' ? 'file-pdf' : 'file-binary';
}

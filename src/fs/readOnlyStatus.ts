import * as vscode from 'vscode';
import { ALTINN_SCHEME } from './dataUri';
import type { AltinnFileSystemProvider } from './provider';

/**
 * VS Code's API has no per-file read-only message (only provider-wide `isReadonly`), so the reason an
 * Altinn editor is read-only is shown in the status bar while that editor is active.
 */
export class ReadOnlyStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('altinn.readOnly', vscode.StatusBarAlignment.Left, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `showReasonCommand`: run when the status item is clicked. */
  constructor(
    private readonly provider: AltinnFileSystemProvider,
    private readonly showReasonCommand: string,
  ) {
    this.item.name = vscode.l10n.t('Altinn: read-only reason');
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      provider.onDidChangeReadOnly(() => this.update()),
    );
    this.update();
  }

  /** The reason for the active editor, if it is a read-only Altinn element. */
  currentReason(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === ALTINN_SCHEME ? this.provider.readOnlyReason(uri) : undefined;
  }

  private update(): void {
    const reason = this.currentReason();
    if (!reason) {
      this.item.hide();
      return;
    }
    this.item.text = `$(lock) ${vscode.l10n.t('Read-only')}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${vscode.l10n.t('This Altinn data element is read-only')}**\n\n`);
    tooltip.appendText(reason);
    this.item.tooltip = tooltip;
    this.item.command = this.showReasonCommand;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}

import * as vscode from 'vscode';
import { isProduction } from './production';
import type { EnvironmentRegistry } from './registry';

export interface EnvironmentStatusDeps {
  readonly registry: Pick<EnvironmentRegistry, 'get' | 'onDidChange'>;
  /** The environment an editor's document belongs to; undefined for anything but an `altinn:` document. */
  envIdOf(uri: vscode.Uri): string | undefined;
  /** Who is signed in to the environment, as shown to the user; undefined when nobody is. */
  identityOf(envId: string): string | undefined;
  readonly onDidChangeIdentity: vscode.Event<unknown>;
}

/**
 * A status bar item naming the environment and identity of the active Altinn editor, so that a save is never
 * a guess about where it goes. Production has the warning background.
 */
export class EnvironmentStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('altinn.environment', vscode.StatusBarAlignment.Left, 50);
  private readonly listeners: vscode.Disposable[];
  /** The environment shown, for the tests; undefined while hidden. */
  shownEnvId: string | undefined;

  constructor(private readonly deps: EnvironmentStatusDeps) {
    this.item.name = vscode.l10n.t('Altinn environment');
    const update = () => this.update();
    this.listeners = [vscode.window.onDidChangeActiveTextEditor(update), deps.registry.onDidChange(update), deps.onDidChangeIdentity(update)];
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  get production(): boolean {
    return this.item.backgroundColor !== undefined;
  }

  update(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const envId = uri && this.deps.envIdOf(uri);
    const setting = envId === undefined ? undefined : this.deps.registry.get(envId)?.setting;
    this.shownEnvId = setting && envId;
    if (!setting || envId === undefined) {
      this.item.hide();
      return;
    }
    const identity = this.deps.identityOf(envId) ?? vscode.l10n.t('not signed in');
    const production = isProduction(setting);
    this.item.text = production ? `$(warning) ${vscode.l10n.t('Production: {0}', setting.name)} · ${identity}` : `$(cloud) ${setting.name} · ${identity}`;
    this.item.tooltip = production
      ? vscode.l10n.t('This editor writes to live Altinn ({0}) as {1}. State changes ask first (altinn.confirmWritesInProduction).', setting.name, identity)
      : vscode.l10n.t('This editor writes to {0} as {1}.', setting.name, identity);
    this.item.backgroundColor = production ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.listeners.forEach((l) => l.dispose());
    this.item.dispose();
  }
}

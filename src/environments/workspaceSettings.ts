import * as vscode from 'vscode';
import type { Prompts } from '../util/prompts';
import { definesEnvironments } from './production';

/**
 * `altinn.environments` decides where sign-in tokens are sent, so it is application-scoped: VS Code reads it
 * from user settings only and ignores a workspace's value. A repository that brings its own
 * `.vscode/settings.json` could otherwise point a "production" environment's platformUrl at any server.
 * This tells the user, once per window and set of files, that such a value was ignored, and why.
 */
export class WorkspaceEnvironmentsNotice implements vscode.Disposable {
  private told = '';
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly prompts: Pick<Prompts, 'showWarningMessage'>) {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/{.vscode/settings.json,*.code-workspace}');
    const recheck = () => void this.check();
    this.listeners = [this.watcher.onDidCreate(recheck), this.watcher.onDidChange(recheck), vscode.workspace.onDidChangeWorkspaceFolders(recheck)];
    void this.check();
  }

  /** The workspace settings files that define `altinn.environments`; tells the user when the set is new. */
  async check(): Promise<vscode.Uri[]> {
    const found = await ignoredEnvironmentFiles();
    const key = found.map((u) => u.toString()).join('\n');
    if (found.length && key !== this.told) {
      this.told = key;
      const open = vscode.l10n.t('Open User Settings');
      const answer = await this.prompts.showWarningMessage(
        vscode.l10n.t(
          'Altinn Explorer ignores the Altinn environments defined in this workspace ({0}): environments decide where your sign-in tokens are sent, so they are read from your user settings only.',
          found.map((u) => vscode.workspace.asRelativePath(u)).join(', '),
        ),
        open,
      );
      if (answer === open) {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'altinn.environments');
      }
    }
    return found;
  }

  dispose(): void {
    this.watcher.dispose();
    this.listeners.forEach((l) => l.dispose());
  }
}

async function ignoredEnvironmentFiles(): Promise<vscode.Uri[]> {
  const candidates = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') {
    candidates.push(workspaceFile);
  }
  const found: vscode.Uri[] = [];
  for (const uri of candidates) {
    try {
      if (definesEnvironments(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)))) {
        found.push(uri);
      }
    } catch {
      // No such file: nothing defined there.
    }
  }
  // Older VS Code, or a scope VS Code did not apply: a workspace value it reports is ignored all the same.
  const inspected = vscode.workspace.getConfiguration('altinn').inspect('environments');
  if (!found.length && (inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined)) {
    found.push(workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.parse('untitled:workspace'));
  }
  return found;
}

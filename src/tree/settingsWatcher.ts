import * as vscode from 'vscode';
import { AppNode } from './appNode';
import type { TreeServices } from './services';
import type { AltinnTree } from './view';

const TREE_SETTINGS = ['altinn.pinnedApps', 'altinn.pinnedOrgs', 'altinn.instancesPageSize', 'altinn.language'];

/**
 * Keeps the tree and the `when`-clause context keys (used by viewsWelcome and menus) in step with
 * settings, environments and sign-in state.
 */
export function watchTreeSettings(tree: AltinnTree, services: TreeServices): vscode.Disposable {
  const updateContext = () => {
    const envs = services.registry.list();
    void vscode.commands.executeCommand('setContext', 'altinn.hasEnvironments', envs.length > 0);
    void vscode.commands.executeCommand('setContext', 'altinn.signedIn', envs.some((e) => services.auth.getIdentity(e.id) !== undefined));
  };
  updateContext();
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (TREE_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        // What the view shows changed, not what Altinn holds: open editors are left alone.
        void tree.relist();
      } else if (e.affectsConfiguration('altinn.maskOwnerIds')) {
        // Only how owners are written changes: apps (their filter) and their rows are drawn again, nothing is asked for.
        for (const node of tree.provider.knownNodes()) {
          if (node instanceof AppNode) {
            tree.provider.fireChanged(node);
          }
        }
      }
    }),
    services.registry.onDidChange(() => {
      updateContext();
      void tree.relist();
    }),
    services.auth.onDidChange((envId) => {
      updateContext();
      void tree.refreshEnvironment(envId);
    }),
  );
}

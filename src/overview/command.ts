import type * as vscode from 'vscode';
import type { Targets } from '../commands/targets';
import type { AltinnNode } from '../tree/base';
import { OverviewPanels, type OverviewDeps, type OverviewPanel } from './panel';

/** What the overview command uses of the command context. */
export type OverviewCommandDeps = OverviewDeps & {
  readonly targets: Targets;
  readonly tree: { readonly provider: { readonly onDidChangeTreeData: vscode.Event<AltinnNode | undefined> } };
  readonly extension: Pick<vscode.ExtensionContext, 'extensionUri' | 'subscriptions'>;
};

/** The overview panels of each activation, made on the first overview (this file is loaded only then). */
const panelsOf = new WeakMap<object, OverviewPanels>();

/** Opens (or brings forward and reloads) the overview of the node's instance, or of one the user names. */
export async function showInstanceOverview(ctx: OverviewCommandDeps, node?: AltinnNode): Promise<OverviewPanel> {
  const target = await ctx.targets.instance(node);
  let panels = panelsOf.get(ctx);
  if (!panels) {
    panels = new OverviewPanels(ctx.extension.extensionUri, ctx.tree.provider.onDidChangeTreeData);
    panelsOf.set(ctx, panels);
    ctx.extension.subscriptions.push(panels);
  }
  return panels.show(ctx, target);
}

import type { CommandContext } from '../commands/context';
import type { AltinnNode } from '../tree/base';
import { OverviewPanels, type OverviewPanel } from './panel';

/** The overview panels of each activation, made on the first overview (this file is loaded only then). */
const panelsOf = new WeakMap<CommandContext, OverviewPanels>();

/** Opens (or brings forward and reloads) the overview of the node's instance, or of one the user names. */
export async function showInstanceOverview(ctx: CommandContext, node?: AltinnNode): Promise<OverviewPanel> {
  const target = await ctx.targets.instance(node);
  let panels = panelsOf.get(ctx);
  if (!panels) {
    panels = new OverviewPanels(ctx.extension.extensionUri, ctx.tree.provider.onDidChangeTreeData);
    panelsOf.set(ctx, panels);
    ctx.extension.subscriptions.push(panels);
  }
  return panels.show(ctx, target);
}

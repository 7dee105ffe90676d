import type { Targets } from '../commands/targets';
import type { AltinnNode } from '../tree/base';
import type { OverviewDeps, OverviewPanel, OverviewPanels } from './panel';

/** Opens (or brings forward and reloads) the overview of the node's instance, or of one the user names. */
export async function showInstanceOverview(ctx: OverviewDeps & { readonly targets: Targets; readonly overviews: OverviewPanels }, node?: AltinnNode): Promise<OverviewPanel> {
  const target = await ctx.targets.instance(node);
  return ctx.overviews.show(ctx, target);
}

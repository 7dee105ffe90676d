import type { CommandContext } from '../commands/context';
import type { AltinnNode } from '../tree/base';
import type { OverviewPanel } from './panel';

/** Opens (or brings forward and reloads) the overview of the node's instance, or of one the user names. */
export async function showInstanceOverview(ctx: CommandContext, node?: AltinnNode): Promise<OverviewPanel> {
  const target = await ctx.targets.instance(node);
  return ctx.overviews.show(ctx, target);
}

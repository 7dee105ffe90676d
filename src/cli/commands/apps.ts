// `apps ORG`: an organisation's applications in Storage.
import { parseOrg } from '../../api';
import { type CommandSpec, required } from '../args';
import { UsageError } from '../errors';

export const apps: CommandSpec = {
  name: 'apps',
  summary: "List an organisation's apps",
  positionals: [{ name: 'ORG', description: 'Organisation code, e.g. ttd' }],
  async run(ctx, args) {
    let org: string;
    try {
      org = parseOrg(required(args, 'ORG'));
    } catch (error) {
      throw new UsageError((error as Error).message, 'apps');
    }
    const client = await ctx.client();
    const list = await client.apps.list(org, { signal: ctx.signal });
    if (ctx.out.json) {
      ctx.out.data(list);
      return;
    }
    if (list.length === 0) {
      ctx.out.note(`No apps for ${org}.`);
      return;
    }
    ctx.out.table(
      ['APP', 'TITLE', 'DATA TYPES'],
      list.map((a) => [a.id, a.title?.en ?? a.title?.nb ?? '', (a.dataTypes ?? []).map((d) => d.id).join(', ')]),
    );
  },
};

// `instances APP`, `instance show ID`, `instance complete ID`.
import { type AltinnClient, type Instance, type InstanceFilter, listInWindows } from '../../api';
import { type CommandSpec, required } from '../args';
import { DATA_HEADERS, dataRow, instanceState } from '../describe';
import { appArgument, FILTER_OPTIONS, instanceFilter } from '../filters';
import { APP_OPTION, INSTANCE_ID_HELP, instanceArgument, readInstance, resolveInstance } from '../refs';

const DEFAULT_LIST_LIMIT = 100;
/** Up to this many, one page answers (no continuation, so none of Storage's tie paging, docs/altinn-behaviour.md §2.1). */
const ONE_PAGE_LIMIT = 1000;

/**
 * The newest `limit` instances (all without one). A limit that fits in one page is one request, one more
 * than asked so that "there are more" is known; anything longer is listed in concurrent windows (api list).
 */
async function listNewestFirst(client: AltinnClient, filter: InstanceFilter, limit: number | undefined, signal: AbortSignal): Promise<{ found: Instance[]; more: boolean }> {
  if (limit !== undefined && limit <= ONE_PAGE_LIMIT) {
    const page = await client.instances.query({ ...filter, size: limit + 1 }, { signal });
    // A page the caller's authorisation thinned out (a full page has `next`) may hide more: list on.
    if (page.instances.length > limit || !page.next) return { found: page.instances.slice(0, limit), more: page.instances.length > limit };
  }
  const found: Instance[] = [];
  for await (const instance of listInWindows(client.instances, { ...filter, size: 100 }, { signal })) {
    if (limit !== undefined && found.length >= limit) return { found, more: true };
    found.push(instance);
  }
  return { found, more: false };
}

export const instances: CommandSpec = {
  name: 'instances',
  summary: "List an app's instances, newest change first",
  positionals: [{ name: 'APP', description: 'App id, ORG/APP, e.g. ttd/building-permit' }],
  options: FILTER_OPTIONS,
  details: `Without --limit, the first ${DEFAULT_LIST_LIMIT} are listed (a note on stderr says when there are more).`,
  async run(ctx, args) {
    const appId = appArgument(required(args, 'APP'), 'instances');
    const { filter, limit } = instanceFilter(appId, args, 'instances', DEFAULT_LIST_LIMIT);
    const client = await ctx.client();
    const { found, more } = await listNewestFirst(client, filter, limit, ctx.signal);
    if (ctx.out.json) ctx.out.data(found);
    else if (found.length === 0) ctx.out.note('No matching instances.');
    else {
      ctx.out.table(
        ['INSTANCE', 'OWNER', 'STATE', 'LAST CHANGED', 'DATA'],
        found.map((i) => [i.id, i.instanceOwner.partyId, instanceState(i), i.lastChanged ?? '', String(i.data?.length ?? 0)]),
      );
    }
    if (more) ctx.out.note(`Showing the first ${limit}; there are more (use --limit N, or --limit 0 for all).`);
  },
};

export const instanceShow: CommandSpec = {
  name: 'instance show',
  summary: 'Show one instance and its data elements',
  positionals: [{ name: 'ID', description: INSTANCE_ID_HELP }],
  async run(ctx, args) {
    const named = instanceArgument(required(args, 'ID'), 'instance show');
    const client = await ctx.client();
    const instance = await readInstance(client, named, ctx.signal);
    if (ctx.out.json) {
      ctx.out.data(instance);
      return;
    }
    const rows: [string, string | undefined][] = [
      ['Instance', instance.id],
      ['App', instance.appId],
      ['Owner', [instance.instanceOwner.partyId, instance.instanceOwner.personNumber ?? instance.instanceOwner.organisationNumber].filter(Boolean).join(' ')],
      ['State', instanceState(instance)],
      ['Read status', instance.status?.readStatus],
      ['Substatus', instance.status?.substatus?.label],
      ['Confirmed by', instance.completeConfirmations?.map((c) => c.stakeholderId).join(', ') || undefined],
      ['Created', instance.created],
      ['Last changed', instance.lastChanged],
      ['Due before', instance.dueBefore],
    ];
    for (const [label, value] of rows) if (value) ctx.out.line(`${ctx.out.paint('bold', `${label}:`.padEnd(14))}${value}`);
    const data = instance.data ?? [];
    ctx.out.line();
    if (data.length === 0) ctx.out.line('No data elements.');
    else ctx.out.table(DATA_HEADERS, data.map(dataRow));
  },
};

export const instanceComplete: CommandSpec = {
  name: 'instance complete',
  summary: "Confirm, as the app owner, that an instance's data has been received (POST complete)",
  positionals: [{ name: 'ID', description: INSTANCE_ID_HELP }],
  options: APP_OPTION,
  async run(ctx, args) {
    const client = await ctx.client();
    const ref = await resolveInstance(client, args, required(args, 'ID'), 'instance complete', ctx.signal);
    const instance = await client.instances.complete(ref, { signal: ctx.signal });
    if (ctx.out.json) ctx.out.data(instance);
    else ctx.out.line(`Confirmed ${instance.id} as complete (${(instance.completeConfirmations ?? []).map((c) => c.stakeholderId).join(', ')}).`);
  },
};

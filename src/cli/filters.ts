// Instance filter options shared by `instances` and `export`, turned into src/api's InstanceFilter
// and checked before any request.
import { AltinnInputError, encodeInstanceFilter, type InstanceFilter, parseAppId } from '../api';
import { flag, intOption, type OptionSpec, type ParsedArgs, stringOption } from './args';
import { UsageError } from './errors';

export const FILTER_OPTIONS: Record<string, OptionSpec> = {
  task: { type: 'string', value: 'TASK', description: 'Only instances whose current task is TASK, e.g. Task_1' },
  active: { type: 'boolean', description: 'Only instances whose process has not ended' },
  completed: { type: 'boolean', description: 'Only instances whose process has ended' },
  archived: { type: 'boolean', description: 'Only archived instances' },
  'hard-deleted': { type: 'boolean', description: 'Only permanently deleted instances (listed to service owners only); left out otherwise' },
  party: { type: 'string', value: 'PARTY_ID', description: 'Only instances owned by this party' },
  since: { type: 'string', value: 'DATE', description: 'Changed at or after DATE (ISO 8601, e.g. 2024-05-01)' },
  until: { type: 'string', value: 'DATE', description: 'Changed before DATE' },
  limit: { type: 'string', value: 'N', description: 'At most N instances (0 = all)' },
};

export function appArgument(value: string | undefined, command: string): string {
  try {
    const { org, app } = parseAppId(value ?? '');
    return `${org}/${app}`;
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
}

export interface FilterChoice {
  filter: InstanceFilter;
  /** undefined = no limit */
  limit?: number;
  /** What was asked for, for the export manifest. */
  description: Record<string, string | boolean>;
}

export function instanceFilter(appId: string, args: ParsedArgs, command: string, defaultLimit?: number): FilterChoice {
  const states = ['active', 'completed', 'archived'].filter((s) => flag(args, s));
  if (states.length > 1) throw new UsageError(`Use only one of --active, --completed and --archived.`, command);
  const filter: InstanceFilter = { appId };
  const description: Record<string, string | boolean> = { app: appId };
  const task = stringOption(args, 'task');
  if (task !== undefined) filter.currentTask = description.task = task;
  if (flag(args, 'active')) {
    filter.isComplete = false;
    description.active = true;
  }
  if (flag(args, 'completed')) {
    filter.isComplete = true;
    description.completed = true;
  }
  if (flag(args, 'archived')) {
    filter.isArchived = true;
    description.archived = true;
  }
  // Hard-deleted instances wait for Storage's cleanup: never listed or exported unless asked for
  // (Storage itself shows them to service owners only: InstancesController.ApplyHardDeleteFilter, docs/altinn-behaviour.md §2.1).
  filter.isHardDeleted = flag(args, 'hard-deleted');
  if (filter.isHardDeleted) description.hardDeleted = true;
  const party = stringOption(args, 'party');
  if (party !== undefined) filter.instanceOwnerPartyId = description.party = party;
  const since = stringOption(args, 'since');
  const until = stringOption(args, 'until');
  if (since !== undefined || until !== undefined) {
    filter.lastChanged = { ...(since !== undefined ? { gte: since } : {}), ...(until !== undefined ? { lt: until } : {}) };
    if (since !== undefined) description.since = since;
    if (until !== undefined) description.until = until;
  }
  try {
    encodeInstanceFilter(filter, false);
  } catch (error) {
    if (error instanceof AltinnInputError) throw new UsageError(error.message, command);
    throw error;
  }
  const limit = intOption(args, 'limit', 0, 10_000_000);
  const effective = limit === undefined ? defaultLimit : limit === 0 ? undefined : limit;
  if (effective !== undefined) description.limit = String(effective);
  return { filter, limit: effective, description };
}

// The instances the user last worked on (a command run on one, its overview or a data editor opened), newest
// first, so that a command run from the palette can offer them before asking for an id.
//
// Kept in the extension's global state, not the workspace's: environments and sign-ins are the user's, not a
// folder's, and an instance worked on in one window is as recent in the next. What is kept is a slim copy for
// the pick's rows; a national identity number is left out of it (it never needs to be on disk: the row falls
// back to the party), and the instance is read again when it is chosen. No vscode import: tested in plain Node.
import type { Instance } from '../api';

/** The part of `vscode.Memento` used here. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface RecentInstance {
  readonly envId: string;
  /** When the user last worked on it (ms since the epoch). */
  readonly at: number;
  readonly instance: Instance;
}

const KEY = 'altinn.recentInstances';
/** Enough for a working day's pick; the list is read on every palette command, so it stays small. */
export const MAX_RECENT = 30;

export class RecentInstances {
  constructor(
    private readonly state: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Newest first; only the environment's when one is given. */
  list(envId?: string): RecentInstance[] {
    const all = this.state.get<RecentInstance[]>(KEY) ?? [];
    return all.filter((r) => isEntry(r) && (envId === undefined || r.envId === envId));
  }

  /** Puts the instance first (once per environment and id). */
  async record(envId: string, instance: Instance): Promise<void> {
    const entry: RecentInstance = { envId, at: this.now(), instance: slim(instance) };
    const rest = this.list().filter((r) => !(r.envId === envId && r.instance.id === instance.id));
    await this.state.update(KEY, [entry, ...rest].slice(0, MAX_RECENT));
  }

  /** Drops an instance that is gone (e.g. a 404 when it was chosen). */
  async forget(envId: string, instanceId: string): Promise<void> {
    await this.state.update(KEY, this.list().filter((r) => !(r.envId === envId && r.instance.id === instanceId)));
  }
}

/** What the rows show (owner, short id, state, task, last change), without data elements or identity numbers. */
function slim(instance: Instance): Instance {
  const { personNumber: _personNumber, ...owner } = instance.instanceOwner;
  return {
    id: instance.id,
    appId: instance.appId,
    org: instance.org,
    instanceOwner: owner,
    process: instance.process && { currentTask: instance.process.currentTask, ended: instance.process.ended, endEvent: instance.process.endEvent },
    status: instance.status,
    created: instance.created,
    lastChanged: instance.lastChanged,
  };
}

function isEntry(value: unknown): value is RecentInstance {
  const r = value as RecentInstance | undefined;
  return typeof r?.envId === 'string' && typeof r.at === 'number' && typeof r.instance?.id === 'string' && typeof r.instance.appId === 'string';
}

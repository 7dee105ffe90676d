import type { ElementState } from './dataService';

/** VS Code asks for `stat` and the content together; state read longer ago than this is read again. */
export const HANDOVER_MS = 3_000;

/** Server state read for one open, and the read-only reason worked out from it. */
export interface Loaded {
  readonly state: ElementState;
  readonly readOnly: Promise<string | undefined>;
}

interface Entry {
  readonly loading: Promise<Loaded>;
  /** When the read began, and the extension's count of state-changing requests then. */
  readonly readAt: { readonly at: number; readonly changes: number };
}

/**
 * Shares the state one open reads between its steps (the open command's check, VS Code's `stat` and
 * `readFile`, which VS Code runs side by side), so that opening an element reads the instance and the
 * process once. An entry is dropped by the content read that ends the open, is void a few seconds after
 * its read began, and is void as soon as the extension sent any state-changing request after that: it
 * never stands in for state after such a change.
 */
export class StateHandover {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** How many state-changing requests the extension has sent so far. */
    private readonly changes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current count and time, taken before a read begins. */
  mark(): Entry['readAt'] {
    return { at: this.now(), changes: this.changes() };
  }

  put(key: string, loading: Promise<Loaded>, readAt: Entry['readAt']): void {
    const entry = { loading, readAt };
    this.entries.set(key, entry);
    // A failed read is not shared beyond the callers already waiting for it.
    loading.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
  }

  get(key: string): Promise<Loaded> | undefined {
    const entry = this.entries.get(key);
    if (entry && (this.now() - entry.readAt.at > HANDOVER_MS || entry.readAt.changes !== this.changes())) {
      this.entries.delete(key);
      return undefined;
    }
    return entry?.loading;
  }

  /** Drops the entry (only this one, if `loading` is given): the next open reads the server again. */
  drop(key: string, loading?: Promise<Loaded>): void {
    if (loading === undefined || this.entries.get(key)?.loading === loading) {
      this.entries.delete(key);
    }
  }
}

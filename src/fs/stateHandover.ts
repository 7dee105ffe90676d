import type { ElementState } from './dataService';

/** VS Code asks for `stat` and the content back to back; state older than this is read again. */
export const HANDOVER_MS = 3_000;

/** Server state read for one open, and the read-only reason worked out from it (once known). */
export interface HandedOver {
  readonly state: ElementState;
  /** Present once the reason was worked out (a reason of undefined means writable). */
  readonly readOnly?: { readonly reason: string | undefined };
}

/**
 * Hands the state one open read from step to step (the open command's check, VS Code's `stat`, then
 * `readFile`), so that opening an element reads the instance and the process once. An entry is taken by
 * the content read that ends the open, is void a few seconds after the state was read, and is void as
 * soon as the extension sent any state-changing request after the read began: it never stands in for
 * state after such a change.
 */
export class StateHandover {
  private readonly entries = new Map<string, HandedOver>();

  constructor(
    /** How many state-changing requests the extension has sent so far. */
    private readonly changes: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  put(key: string, handed: HandedOver): void {
    this.entries.set(key, handed);
  }

  /** The entry, left in place for the content read that follows. */
  peek(key: string): HandedOver | undefined {
    const entry = this.entries.get(key);
    if (entry && !this.current(entry.state)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** The entry, removed: the next open reads the server again. */
  take(key: string): HandedOver | undefined {
    const entry = this.peek(key);
    this.entries.delete(key);
    return entry;
  }

  drop(key: string): void {
    this.entries.delete(key);
  }

  private current(state: ElementState): boolean {
    return this.now() - state.readAt.at <= HANDOVER_MS && state.readAt.changes === this.changes();
  }
}

/**
 * One piece of work several callers wait for (a token renewal, an automatic sign-in). A caller's wait
 * ends as soon as its own signal aborts; the work itself is cancelled only once every caller has given
 * up, and never while a caller without a signal (the renewal timer, activation) waits for it.
 */
export class SharedWork<T> {
  private readonly controller = new AbortController();
  private waiting = 0;
  private pinned = false;
  /** Settles with the work; never rejects unhandled. */
  readonly done: Promise<T>;

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    this.done = run(this.controller.signal);
    this.done.catch(() => undefined);
  }

  /** True once every caller gave up: a new caller starts new work instead of joining this. */
  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  join(signal?: AbortSignal): Promise<T> {
    if (!signal) {
      this.pinned = true;
      return this.done;
    }
    this.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        this.leave();
        reject(signal.reason ?? new Error('Aborted'));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.done.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private leave(): void {
    this.waiting--;
    if (this.waiting === 0 && !this.pinned) {
      this.controller.abort();
    }
  }
}

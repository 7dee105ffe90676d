/**
 * The child side of runWorker/startService: reads its input from argv, sends one result message.
 * A service keeps running until its parent disconnects.
 */
export function workerMain<I, O>(body: (input: I) => Promise<O>): void {
  const input = JSON.parse(process.argv[2] ?? '{}') as I;
  body(input).then(
    (value) => {
      process.send?.({ ok: true, value }, () => process.exit(0));
    },
    (e: unknown) => {
      process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1));
    },
  );
}

export function serviceMain<I, O>(body: (input: I) => Promise<{ info: O; close(): Promise<void> }>): void {
  const input = JSON.parse(process.argv[2] ?? '{}') as I;
  body(input).then(
    (svc) => {
      process.send?.({ ok: true, value: svc.info });
      process.once('disconnect', () => {
        void svc.close().finally(() => process.exit(0));
      });
    },
    (e: unknown) => {
      process.send?.({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, () => process.exit(1));
    },
  );
}

/** Peak resident memory of this process so far, in bytes (getrusage maxrss). */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

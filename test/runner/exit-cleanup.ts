/**
 * Synchronous clean-up that must happen even when a run is interrupted (Ctrl+C, a CI time-out's SIGTERM)
 * before its own finally blocks get to run: kill the server process groups, remove the temp folders.
 */
const cleanups = new Set<() => void>();
let installed = false;

function runCleanups(): void {
  // Last registered first: servers die before their temp folders are removed.
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // best effort while exiting
    }
  }
  cleanups.clear();
}

/** Registers `cleanup` to run when the process exits; returns a function that unregisters it. */
export function onExitCleanup(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on('exit', runCleanups);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      // Entries that handle signals themselves (npm start) stop their hosts in an orderly way.
      if (process.listenerCount(signal) === 0) {
        process.once(signal, () => process.exit(130));
      }
    }
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

import * as vscode from 'vscode';

/**
 * Runs a job under a cancellable progress notification. Cancelling aborts the job's requests
 * through the signal; the resulting abort error is silenced by the command wrapper.
 */
export function withProgress<T>(
  title: string,
  job: (signal: AbortSignal, progress: vscode.Progress<{ message?: string; increment?: number }>) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const result = await job(controller.signal, progress);
        if (token.isCancellationRequested) {
          throw new vscode.CancellationError();
        }
        return result;
      } finally {
        subscription.dispose();
      }
    }),
  );
}

import * as vscode from 'vscode';

type ProgressStep = { message?: string; increment?: number };

/**
 * How long a job runs before its notification shows. Most requests end well within it, and VS Code keeps
 * a notification up for a while after its job ends, where it would cover the quick pick that follows.
 */
export const PROGRESS_NOTIFICATION_DELAY_MS = 600;

/**
 * Runs a job under a cancellable progress notification that shows only once the job has run for
 * {@link PROGRESS_NOTIFICATION_DELAY_MS}. Cancelling the notification aborts the job's requests through the
 * signal; the resulting abort error is silenced by the command wrapper. Before the notification shows there
 * is nothing to cancel from.
 */
export function withProgress<T>(
  title: string,
  job: (signal: AbortSignal, progress: vscode.Progress<ProgressStep>) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const progress = new DeferredProgress();
  const work = new Promise<T>((resolve) => resolve(job(controller.signal, progress)));
  const timer = setTimeout(() => {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (shown, token) => {
      const subscription = token.onCancellationRequested(() => controller.abort());
      progress.attach(shown);
      try {
        await work;
      } catch {
        // The job's failure is the caller's to report; the notification only ends.
      } finally {
        subscription.dispose();
      }
    });
  }, PROGRESS_NOTIFICATION_DELAY_MS);
  return work.then(
    (result) => {
      clearTimeout(timer);
      if (controller.signal.aborted) {
        throw new vscode.CancellationError();
      }
      return result;
    },
    (err: unknown) => {
      clearTimeout(timer);
      throw err;
    },
  );
}

/** Collects the job's reports until the notification shows, then hands them on. */
class DeferredProgress implements vscode.Progress<ProgressStep> {
  private target: vscode.Progress<ProgressStep> | undefined;
  private message: string | undefined;
  private increment = 0;

  report(step: ProgressStep): void {
    if (this.target) {
      this.target.report(step);
      return;
    }
    this.message = step.message ?? this.message;
    this.increment += step.increment ?? 0;
  }

  attach(target: vscode.Progress<ProgressStep>): void {
    this.target = target;
    if (this.message !== undefined || this.increment > 0) {
      target.report({ message: this.message, increment: this.increment || undefined });
    }
  }
}

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withProgress } from '../../src/util/progress';

type WithProgress = typeof vscode.window.withProgress;

/**
 * withProgress shows its notification only for jobs still running after a short delay (issue 5: progress "for
 * anything that may take more than a second"), and cancelling the notification aborts the job's signal.
 * vscode.window.withProgress is replaced by a recorder; no test waits on a clock.
 */
describe('Progress notifications', () => {
  const original = vscode.window.withProgress;
  let shown: { title?: string; cancel: () => void; reports: { message?: string; increment?: number }[] }[];
  let onShown: () => void;

  beforeEach(() => {
    shown = [];
    onShown = () => undefined;
    const recorder: WithProgress = async (options, task) => {
      const cancelled = new vscode.EventEmitter<void>();
      const token: vscode.CancellationToken = { isCancellationRequested: false, onCancellationRequested: cancelled.event };
      const record = {
        title: options.title,
        reports: [] as { message?: string; increment?: number }[],
        cancel: () => {
          (token as { isCancellationRequested: boolean }).isCancellationRequested = true;
          cancelled.fire();
        },
      };
      shown.push(record);
      onShown();
      return task({ report: (step) => record.reports.push(step) }, token);
    };
    (vscode.window as { withProgress: WithProgress }).withProgress = recorder;
  });
  afterEach(() => {
    (vscode.window as { withProgress: WithProgress }).withProgress = original;
  });

  it('shows nothing for a job that ends quickly', async () => {
    assert.equal(await withProgress('Quick', async () => 42), 42);
    await assert.rejects(
      withProgress('Failing', async () => {
        throw new Error('nope');
      }),
      /nope/,
    );
    assert.deepEqual(shown, []);
  });

  it('shows a slow job, with what it reported so far, and cancelling aborts its signal', async () => {
    const appeared = new Promise<void>((resolve) => (onShown = resolve));
    const job = withProgress('Slow', async (signal, progress) => {
      progress.report({ message: 'page 1', increment: 10 });
      await appeared;
      progress.report({ message: 'page 2' });
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      return 'finished after cancel';
    });
    await appeared;
    assert.equal(shown.length, 1);
    assert.equal(shown[0].title, 'Slow');
    shown[0].cancel();
    await assert.rejects(job, (err: unknown) => err instanceof vscode.CancellationError);
    assert.deepEqual(shown[0].reports, [{ message: 'page 1', increment: 10 }, { message: 'page 2' }]);
  });
});

import * as vscode from 'vscode';
import { AltinnApiError } from '../api';
import { errorMessage, isCancellation, OutcomeUnknownError } from '../util/errors';
import type { Prompts } from '../util/prompts';

/**
 * The one wrapper every command goes through: it logs, stays silent when the user cancels, and shows one
 * clear error message (the Altinn problem detail) when something fails. Commands never catch errors themselves.
 */
export function registerAltinnCommand(
  id: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments come from menus, the palette and other extensions
  run: (...args: any[]) => unknown,
  deps: { log: vscode.LogOutputChannel; prompts: Prompts },
): vscode.Disposable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return vscode.commands.registerCommand(id, async (...args: any[]) => {
    deps.log.debug(`command ${id}`);
    try {
      return await run(...args);
    } catch (err) {
      if (isCancellation(err)) {
        deps.log.debug(`command ${id} cancelled`);
        return undefined;
      }
      deps.log.error(`command ${id} failed: ${describeForLog(err)}`);
      showCommandError(err, deps);
      return undefined;
    }
  });
}

/** Not awaited: the command ends when it fails, not when the user closes the notification. */
function showCommandError(err: unknown, { log, prompts }: { log: vscode.LogOutputChannel; prompts: Prompts }): void {
  if (!(err instanceof OutcomeUnknownError)) {
    void prompts.showErrorMessage(errorMessage(err));
    return;
  }
  const refresh = vscode.l10n.t('Refresh instance');
  void Promise.resolve(prompts.showErrorMessage(err.message, refresh))
    .then((choice) => (choice === refresh ? err.refresh() : undefined))
    .then(undefined, (refreshError: unknown) => log.error(`refresh after an unknown outcome failed: ${describeForLog(refreshError)}`));
}

function describeForLog(err: unknown): string {
  if (err instanceof AltinnApiError) {
    return `${err.method} ${err.url} → ${err.status ?? err.kind}: ${err.message}`;
  }
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

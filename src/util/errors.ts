import * as vscode from 'vscode';
import { AltinnApiError, AltinnInputError } from '../api';

/** True for every way a user or the editor can call a job off; such endings are never reported as errors. */
export function isCancellation(err: unknown): boolean {
  if (err instanceof vscode.CancellationError) {
    return true;
  }
  if (err instanceof AltinnApiError) {
    return err.kind === 'aborted';
  }
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'Canceled');
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof AltinnApiError && err.status === 401;
}

/**
 * A request that changes state failed in a way that leaves its outcome unknown (5xx, reset, time-out).
 * It is never retried: `PUT process/next` sent twice can move an instance two steps. The user is told and
 * offered a refresh to see what happened.
 */
export class OutcomeUnknownError extends Error {
  constructor(
    readonly apiError: AltinnApiError,
    readonly refresh: () => unknown,
  ) {
    super(vscode.l10n.t('The request may or may not have taken effect ({0}). Refresh the instance to check.', errorMessage(apiError)));
  }
}

/** Runs one state-changing request; an unknown outcome becomes an {@link OutcomeUnknownError}. */
export async function mutate<T>(request: () => Promise<T>, refresh: () => unknown): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof AltinnApiError && outcomeIsUnknown(err)) {
      throw new OutcomeUnknownError(err, refresh);
    }
    throw err;
  }
}

function outcomeIsUnknown(err: AltinnApiError): boolean {
  return err.kind === 'network' || err.kind === 'timeout' || (err.status !== undefined && err.status >= 500);
}

/**
 * What a user is shown for a failure, in VS Code's display language: src/api's errors are rendered here, at the
 * edge, from their codes and Altinn's own title, detail and status (docs/altinn-behaviour.md §7).
 */
export function errorMessage(err: unknown): string {
  if (err instanceof AltinnApiError || err instanceof AltinnInputError) {
    return err.describe(vscode.l10n.t);
  }
  return err instanceof Error ? err.message : String(err);
}

/** Turns a dismissed prompt (undefined) into a silent cancellation. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) {
    throw new vscode.CancellationError();
  }
  return value;
}

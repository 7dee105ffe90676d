import * as vscode from 'vscode';
import type { Prompts } from '../util/prompts';
import { isProduction, mustConfirm } from './production';
import type { EnvironmentRegistry } from './registry';

export const CONFIRM_WRITES_SETTING = 'confirmWritesInProduction';

export interface ChangeQuestion {
  /** The question, e.g. "Confirm 2 instance(s) complete?". */
  readonly message: string;
  readonly detail?: string;
  /** The button that goes ahead. */
  readonly confirm: string;
  /** Ask in every environment, not only in production. */
  readonly always?: boolean;
}

/** Whether `altinn.confirmWritesInProduction` is on (application scope: a workspace cannot turn it off). */
export function confirmsWritesInProduction(): boolean {
  return vscode.workspace.getConfiguration('altinn').get<boolean>(CONFIRM_WRITES_SETTING, true);
}

/** The names of the environments among `envIds` that are production. */
export function productionNames(registry: Pick<EnvironmentRegistry, 'get'>, envIds: readonly string[]): string[] {
  return [...new Set(envIds)].map((id) => registry.get(id)).filter((e) => isProduction(e?.setting)).map((e) => e?.setting.name ?? '');
}

/**
 * Asks before a state change when it must be asked (see `mustConfirm`); in production the question says so
 * first. Throws a CancellationError (silent in the command wrapper) unless the user goes ahead.
 */
export async function askBeforeChange(deps: { registry: Pick<EnvironmentRegistry, 'get'>; prompts: Pick<Prompts, 'showWarningMessage'> }, envIds: readonly string[], question: ChangeQuestion): Promise<void> {
  const settings = envIds.map((id) => deps.registry.get(id)?.setting);
  if (!mustConfirm(settings, { always: question.always ?? false, confirmInProduction: confirmsWritesInProduction() })) {
    return;
  }
  const production = productionNames(deps.registry, envIds);
  const message = production.length ? vscode.l10n.t('Production ({0}): {1}', production.join(', '), question.message) : question.message;
  const detail = production.length
    ? [vscode.l10n.t('This changes live Altinn data. (Setting: altinn.confirmWritesInProduction)'), question.detail].filter(Boolean).join('\n\n')
    : question.detail;
  const answer = await deps.prompts.showWarningMessage(message, { modal: true, detail }, question.confirm);
  if (answer !== question.confirm) {
    throw new vscode.CancellationError();
  }
}

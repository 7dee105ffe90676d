// The instance search: one multi-step dialog over what Storage's instance query binds
// (docs/altinn-behaviour.md §2.1), with a step count and Back, ending in the app's kept filter.
import * as vscode from 'vscode';
import type { AltinnClient } from '../api';
import type { Confirmation, InstanceFilter } from '../tree/filters';
import { stateLabel, type InstanceState } from '../tree/instancePresentation';
import type { Prompts } from '../util/prompts';
import { BACK, type Back, type StepPosition } from '../util/steps';
import { validateOwner } from './ownerStep';
import { appTasks, isDate } from './filterDialogs';

export interface SearchScope {
  /** `org/app`. */
  readonly appId: string;
  /** A service owner searches every owner's instances; an app user's branch is one party's already. */
  readonly asOrg: boolean;
  /** Check person and organisation numbers' check digits (off where the environment uses test data). */
  readonly strict: boolean;
}

type StepId = 'owner' | 'state' | 'task' | 'confirmation' | 'created' | 'changed' | 'text';
type Answer = Partial<InstanceFilter> | Back | undefined;

interface Step {
  readonly id: StepId;
  ask(filter: InstanceFilter, at: StepPosition): Promise<Answer>;
}

/** Asks every step in turn (Back returns to the one before); contradictions send the user back to a step. */
export async function askSearch(prompts: Prompts, client: AltinnClient, scope: SearchScope, current: InstanceFilter): Promise<InstanceFilter> {
  const steps = searchSteps(prompts, client, scope);
  let filter: InstanceFilter = current;
  let index = 0;
  while (index < steps.length) {
    const answer = await steps[index].ask(filter, { step: index + 1, totalSteps: steps.length });
    if (answer === undefined) {
      throw new vscode.CancellationError();
    }
    if (answer === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    filter = { ...filter, ...answer };
    index += 1;
    const conflict = index === steps.length ? contradiction(filter, scope) : undefined;
    if (conflict) {
      const change = vscode.l10n.t('Change the search');
      if ((await prompts.showWarningMessage(conflict.text, { modal: true }, change)) !== change) {
        throw new vscode.CancellationError();
      }
      index = Math.max(0, steps.findIndex((s) => s.id === conflict.step));
    }
  }
  return withoutBlanks(filter);
}

function withoutBlanks(filter: InstanceFilter): InstanceFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as InstanceFilter;
}

/**
 * Combinations no instance can meet, said in words rather than answered by an empty list. An ended process
 * has no current task (Storage's `process.isComplete=true` means `process.ended` is set), nothing changes
 * before it is created, and Storage lists hard-deleted instances only to service owners
 * (InstancesController.ApplyHardDeleteFilter, docs/altinn-behaviour.md §2.1).
 */
export function contradiction(filter: InstanceFilter, scope: Pick<SearchScope, 'asOrg'>): { step: StepId; text: string } | undefined {
  if (filter.state === 'completed' && filter.currentTask) {
    return { step: 'task', text: vscode.l10n.t('A completed instance has ended its process and has no current task, so none can be both completed and at {0}.', filter.currentTask) };
  }
  if (filter.state === 'deletedPermanently' && !scope.asOrg) {
    return { step: 'state', text: vscode.l10n.t('Altinn lists permanently deleted instances only to service owners, so this search would always be empty for you.') };
  }
  if (filter.createdFrom && filter.createdTo && filter.createdFrom > filter.createdTo) {
    return { step: 'created', text: vscode.l10n.t('The created range ends ({0}) before it starts ({1}).', filter.createdTo, filter.createdFrom) };
  }
  if (filter.changedFrom && filter.changedTo && filter.changedFrom > filter.changedTo) {
    return { step: 'changed', text: vscode.l10n.t('The last-changed range ends ({0}) before it starts ({1}).', filter.changedTo, filter.changedFrom) };
  }
  if (filter.createdFrom && filter.changedTo && filter.createdFrom > filter.changedTo) {
    return { step: 'changed', text: vscode.l10n.t('An instance is last changed no earlier than it was created: created from {0} and last changed by {1} cannot both hold.', filter.createdFrom, filter.changedTo) };
  }
  return undefined;
}

function searchSteps(prompts: Prompts, client: AltinnClient, scope: SearchScope): Step[] {
  const title = vscode.l10n.t('Search instances of {0}', scope.appId);
  const pick = async <T extends vscode.QuickPickItem>(items: T[], placeHolder: string, at: StepPosition) =>
    prompts.showQuickPickStep(items, { title, placeHolder, ...at });
  const steps: Step[] = [
    {
      id: 'owner',
      ask: async (filter, at) => {
        const typed = await prompts.showInputBoxStep({
          title,
          ...at,
          prompt: vscode.l10n.t('Owner: person number (11 digits), organisation number (9 digits) or party id; empty for any'),
          value: filter.ownerNumber ?? filter.ownerPartyId,
          validateInput: (v) => validateOwnerText(v.trim(), scope.strict),
        });
        if (typeof typed !== 'string') {
          return typed;
        }
        const text = typed.trim();
        const isNumber = text.length === 11 || text.length === 9;
        return { ownerNumber: isNumber ? text : undefined, ownerPartyId: text && !isNumber ? text : undefined };
      },
    },
    {
      id: 'state',
      ask: async (filter, at) => {
        const states: InstanceState[] = ['active', 'completed', 'archived', 'deleted', ...(scope.asOrg ? ['deletedPermanently' as const] : [])];
        const items = [{ label: vscode.l10n.t('Any state'), state: undefined as InstanceState | undefined }, ...states.map((s) => ({ label: stateLabel(s), detail: stateDetail(s), state: s }))];
        const picked = await pick(marked(items, (i) => i.state === filter.state), vscode.l10n.t('State'), at);
        return picked === BACK || picked === undefined ? picked : { state: picked.state };
      },
    },
    {
      id: 'task',
      ask: async (filter, at) => {
        const tasks = await appTasks(client, scope.appId);
        if (tasks.length === 0) {
          // Without the process definition (an app may not serve it) the user types the task id.
          const typed = await prompts.showInputBoxStep({ title, ...at, prompt: vscode.l10n.t('Current task id (empty for any)'), value: filter.currentTask, placeHolder: 'Task_1' });
          return typeof typed === 'string' ? { currentTask: typed.trim() || undefined } : typed;
        }
        const items = [{ label: vscode.l10n.t('Any task'), task: undefined as string | undefined }, ...tasks.map((t) => ({ ...t, task: t.label }))];
        const picked = await pick(marked(items, (i) => i.task === filter.currentTask), vscode.l10n.t('Current task'), at);
        return picked === BACK || picked === undefined ? picked : { currentTask: picked.task };
      },
    },
    {
      id: 'confirmation',
      ask: async (filter, at) => {
        const items = [
          { label: vscode.l10n.t('Confirmed or not'), confirmation: undefined as Confirmation | undefined },
          { label: vscode.l10n.t('Not yet confirmed by me'), confirmation: 'notConfirmed' as const },
          { label: vscode.l10n.t('Confirmed by me'), confirmation: 'confirmed' as const },
        ];
        const picked = await pick(marked(items, (i) => i.confirmation === filter.confirmation), vscode.l10n.t('Complete confirmation by the app owner'), at);
        return picked === BACK || picked === undefined ? picked : { confirmation: picked.confirmation };
      },
    },
    {
      id: 'created',
      ask: async (filter, at) => {
        const range = await askRange(prompts, title, at, vscode.l10n.t('Created between'), filter.createdFrom, filter.createdTo);
        return range === BACK || range === undefined ? range : { createdFrom: range.from, createdTo: range.to };
      },
    },
    {
      id: 'changed',
      ask: async (filter, at) => {
        const range = await askRange(prompts, title, at, vscode.l10n.t('Last changed between'), filter.changedFrom, filter.changedTo);
        return range === BACK || range === undefined ? range : { changedFrom: range.from, changedTo: range.to };
      },
    },
    {
      id: 'text',
      ask: async (filter, at) => {
        const typed = await prompts.showInputBoxStep({
          title,
          ...at,
          prompt: vscode.l10n.t('Text in the instance’s presentation texts (empty for any)'),
          value: filter.searchString,
          validateInput: (v) => (v.length > 200 || /\p{Cc}/u.test(v) ? vscode.l10n.t('Up to 200 characters on one line.') : undefined),
        });
        // Kept as typed: Storage matches spaces too.
        return typeof typed === 'string' ? { searchString: typed.trim() ? typed : undefined } : typed;
      },
    },
  ];
  // An app user's branch is one owner's already, and only the app owner's own confirmation can be asked for.
  return steps.filter((s) => scope.asOrg || (s.id !== 'owner' && s.id !== 'confirmation'));
}

/**
 * Storage archives an instance when its process ends (Altinn/altinn-storage src/Storage/Controllers/ProcessController.cs,
 * docs/altinn-behaviour.md §2.1): ended instances show as Archived, and Completed holds only those un-archived since.
 */
function stateDetail(state: InstanceState): string | undefined {
  return state === 'completed' ? vscode.l10n.t('Ended, not archived: rare, as Altinn archives an instance when its process ends') : undefined;
}

/** The current choice first described as such, so that going through the steps keeps what was chosen. */
function marked<T extends vscode.QuickPickItem>(items: T[], isCurrent: (item: T) => boolean): T[] {
  const current = items.find(isCurrent);
  // "Any …" is the current choice only when nothing was chosen: not worth saying.
  if (current === items[0]) {
    return items;
  }
  return current ? [{ ...current, description: vscode.l10n.t('current') }, ...items.filter((i) => i !== current)] : items;
}

function validateOwnerText(text: string, strict: boolean): string | undefined {
  if (text === '') {
    return undefined;
  }
  const kind = text.length === 11 ? 'personNumber' : text.length === 9 ? 'organisationNumber' : 'party';
  return validateOwner(kind, text, strict);
}

/** `from..to`, either end empty; one date alone is that day. */
export function parseRange(text: string): { from?: string; to?: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return {};
  }
  const [from, to, extra] = trimmed.includes('..') ? trimmed.split('..').map((p) => p.trim()) : [trimmed, trimmed];
  if (extra !== undefined || (from && !isDate(from)) || (to && !isDate(to))) {
    return undefined;
  }
  return { from: from || undefined, to: to || undefined };
}

async function askRange(prompts: Prompts, title: string, at: StepPosition, what: string, from: string | undefined, to: string | undefined) {
  const typed = await prompts.showInputBoxStep({
    title,
    ...at,
    prompt: vscode.l10n.t('{0}: YYYY-MM-DD..YYYY-MM-DD, either end may be left out; one date is that day; empty for any', what),
    value: from || to ? `${from ?? ''}..${to ?? ''}` : '',
    placeHolder: '2026-01-01..2026-01-31',
    validateInput: (v) => (parseRange(v) ? undefined : vscode.l10n.t('Expected dates as YYYY-MM-DD..YYYY-MM-DD.')),
  });
  return typeof typed === 'string' ? parseRange(typed) : typed;
}

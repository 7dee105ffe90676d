import * as vscode from 'vscode';
import type { CommandContext } from './context';

/** A command argument naming an environment: its id, or a tree node (`context.envId`). */
export function envIdFromArg(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg !== '') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { envId?: unknown; context?: { envId?: unknown } };
    if (typeof o.envId === 'string') return o.envId;
    if (typeof o.context?.envId === 'string') return o.context.envId;
  }
  return undefined;
}

/** The environment the argument names, or the one the user picks among those `filter` lets through. */
async function pickEnvironment(ctx: CommandContext, arg: unknown, filter: (envId: string) => boolean, emptyMessage: string): Promise<string> {
  const given = envIdFromArg(arg);
  if (given !== undefined) return given;
  const items = ctx.registry
    .list()
    .filter((e) => filter(e.id))
    .map((e) => {
      const identity = ctx.auth.getIdentity(e.id);
      return { label: e.setting.name, description: identity ? ctx.auth.describe(identity) : e.setting.kind, envId: e.id };
    });
  if (items.length === 0) {
    void ctx.prompts.showInformationMessage(emptyMessage);
    throw new vscode.CancellationError();
  }
  if (items.length === 1) return items[0].envId;
  const picked = await ctx.prompts.showQuickPick(items, { placeHolder: vscode.l10n.t('Pick an Altinn environment') });
  if (!picked) throw new vscode.CancellationError();
  return picked.envId;
}

const signedIn = (ctx: CommandContext) => (envId: string) => ctx.auth.getIdentity(envId) !== undefined;

export async function signIn(ctx: CommandContext, arg?: unknown): Promise<void> {
  await ctx.auth.signIn(await pickEnvironment(ctx, arg, () => true, vscode.l10n.t('Add an Altinn environment first.')));
}

export async function signOut(ctx: CommandContext, arg?: unknown): Promise<void> {
  await ctx.auth.signOut(await pickEnvironment(ctx, arg, signedIn(ctx), vscode.l10n.t('You are not signed in to any Altinn environment.')));
}

export async function showTokenClaims(ctx: CommandContext, arg?: unknown): Promise<void> {
  await ctx.auth.showClaims(await pickEnvironment(ctx, arg, signedIn(ctx), vscode.l10n.t('You are not signed in to any Altinn environment.')));
}

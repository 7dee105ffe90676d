import * as vscode from 'vscode';
import { registerAltinnCommand } from '../commands/wrapper';
import type { TokenClaimsView } from './claimsView';
import { describeIdentity } from './labels';
import type { AltinnAuthService } from './service';
import type { AuthRegistry } from './types';
import type { AuthUi } from './ui';

export const AuthCommandIds = {
  signIn: 'altinn.signIn',
  signOut: 'altinn.signOut',
  showTokenClaims: 'altinn.showTokenClaims',
} as const;

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

interface AuthCommandDeps {
  auth: AltinnAuthService;
  registry: AuthRegistry;
  claimsView: TokenClaimsView;
  log: vscode.LogOutputChannel;
  ui: () => AuthUi;
}

export function registerAuthCommands(deps: AuthCommandDeps): vscode.Disposable[] {
  const { auth, registry, log } = deps;

  async function pickEnvironment(arg: unknown, filter: (envId: string) => boolean, emptyMessage: string): Promise<string> {
    const given = envIdFromArg(arg);
    if (given !== undefined) return given;
    const items = registry
      .list()
      .filter((e) => filter(e.id))
      .map((e) => {
        const identity = auth.getIdentity(e.id);
        return { label: e.setting.name, description: identity ? describeIdentity(identity) : e.setting.kind, envId: e.id };
      });
    if (items.length === 0) {
      void deps.ui().showInformationMessage(emptyMessage);
      throw new vscode.CancellationError();
    }
    if (items.length === 1) return items[0].envId;
    const picked = await deps.ui().showQuickPick(items, { placeHolder: vscode.l10n.t('Pick an Altinn environment') });
    if (!picked) throw new vscode.CancellationError();
    return picked.envId;
  }

  const signedIn = (envId: string) => auth.getIdentity(envId) !== undefined;
  return [
    registerAltinnCommand(
      AuthCommandIds.signIn,
      async (arg?: unknown) =>
        auth.signIn(await pickEnvironment(arg, () => true, vscode.l10n.t('Add an Altinn environment first.'))),
      { log },
    ),
    registerAltinnCommand(
      AuthCommandIds.signOut,
      async (arg?: unknown) => auth.signOut(await pickEnvironment(arg, signedIn, vscode.l10n.t('You are not signed in to any Altinn environment.'))),
      { log },
    ),
    registerAltinnCommand(
      AuthCommandIds.showTokenClaims,
      async (arg?: unknown) =>
        deps.claimsView.show(await pickEnvironment(arg, signedIn, vscode.l10n.t('You are not signed in to any Altinn environment.'))),
      { log },
    ),
  ];
}

// Sign-in and secrets: an Altinn AuthenticationProvider with one session per environment.
import * as vscode from 'vscode';
import { TokenClaimsView, CLAIMS_SCHEME } from './claimsView';
import { AltinnAuthenticationProvider, AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from './provider';
import { AltinnAuthService } from './service';
import type { AltinnAuth, AuthDeps } from './types';

export type { Identity, OrgIdentity, UserIdentity, SignInMethod } from '../session';
export { describeIdentity, describeMethod } from './labels';
export { AUTH_PROVIDER_ID, envScope } from './provider';
export type { AltinnAuthService } from './service';
export type { AltinnAuth, AuthDeps, AuthRegistry, GetTokenOptions } from './types';
export type { TokenClaimsView } from './claimsView';

/**
 * Creates the auth service, registers the "Altinn" authentication provider and the claims view, and
 * starts loading sessions (and automatic test sign-ins) in the background. The sign-in commands are in
 * src/commands/auth.ts.
 */
export function registerAuth(context: vscode.ExtensionContext, deps: AuthDeps): { auth: AltinnAuth & AltinnAuthService; claims: TokenClaimsView } {
  const auth = new AltinnAuthService(context.secrets, context.globalState, deps);
  const envName = (envId: string) => deps.registry.get(envId)?.setting.name ?? envId;
  const provider = new AltinnAuthenticationProvider(auth, envName);
  auth.provider = provider;
  const claimsView = new TokenClaimsView(auth, envName);
  context.subscriptions.push(
    auth,
    provider,
    claimsView,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: false }),
    vscode.workspace.registerTextDocumentContentProvider(CLAIMS_SCHEME, claimsView),
  );
  auth.startAll();
  return { auth, claims: claimsView };
}

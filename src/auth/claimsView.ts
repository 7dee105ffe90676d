import * as vscode from 'vscode';
import { expiryOf, issuedAtOf, scopesOf, visibleClaims } from '../session';
import { describeIdentity, describeMethod } from './labels';
import type { AltinnAuthService } from './service';

export const CLAIMS_SCHEME = 'altinn-claims';

export function claimsUri(envId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CLAIMS_SCHEME, path: `/${encodeURIComponent(envId)}/token-claims.json` });
}

function envIdOf(uri: vscode.Uri): string {
  return decodeURIComponent(uri.path.split('/')[1] ?? '');
}

/**
 * A read-only document (a content provider cannot be saved) with who the session is: org, party, user,
 * scopes and expiry. It is built from the decoded claims, so the token itself is never in it.
 */
export class TokenClaimsView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly auth: AltinnAuthService,
    private readonly envName: (envId: string) => string,
  ) {
    this.listener = auth.onDidChangeSessions((c) => {
      for (const envId of [...c.added, ...c.removed, ...c.changed]) this.emitter.fire(claimsUri(envId));
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const envId = envIdOf(uri);
    const claims = this.auth.getClaims(envId);
    const identity = this.auth.getIdentity(envId);
    if (!claims || !identity) {
      return JSON.stringify({ environment: this.envName(envId), signedIn: false }, undefined, 2) + '\n';
    }
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const summary = {
      environment: this.envName(envId),
      signedInWith: describeMethod(identity.method),
      identity: describeIdentity(identity),
      org: identity.kind === 'org' ? identity.org : undefined,
      orgNumber: identity.kind === 'org' ? identity.orgNumber : undefined,
      userId: identity.kind === 'user' ? identity.userId : undefined,
      partyId: identity.kind === 'user' ? identity.partyId : undefined,
      scopes: scopesOf(claims),
      issuedAt: iso(issuedAtOf(claims)),
      expiresAt: iso(expiryOf(claims)),
      claims: visibleClaims(claims),
    };
    return JSON.stringify(summary, undefined, 2) + '\n';
  }

  async show(envId: string): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(claimsUri(envId));
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

import * as vscode from 'vscode';
import type { Identity, SignInMethod } from '../session';
import type { PrivateKeyError } from './privateKey';

/** Short "who" for the environment node and the Accounts menu, e.g. "ttd (405003309)" or "User 1337, party 501337". */
export function describeIdentity(identity: Identity): string {
  if (identity.kind === 'org') {
    if (identity.org && identity.orgNumber) return `${identity.org} (${identity.orgNumber})`;
    return identity.org ?? vscode.l10n.t('Organisation {0}', identity.orgNumber ?? '?');
  }
  if (identity.userId !== undefined && identity.partyId !== undefined) {
    return vscode.l10n.t('User {0}, party {1}', identity.userId, identity.partyId);
  }
  if (identity.userId !== undefined) return vscode.l10n.t('User {0}', identity.userId);
  return identity.name ?? vscode.l10n.t('Signed in');
}

export function describeMethod(method: SignInMethod): string {
  switch (method) {
    case 'token':
      return vscode.l10n.t('Altinn token');
    case 'maskinporten':
      return vscode.l10n.t('Maskinporten');
    case 'idporten':
      return vscode.l10n.t('ID-porten token');
    case 'testUser':
      return vscode.l10n.t('Test user');
    case 'testOrg':
      return vscode.l10n.t('Test organisation');
  }
}

/** A key problem in the display language (src/auth/privateKey.ts has no vscode to translate with). */
export function describeKeyProblem(err: PrivateKeyError): string {
  switch (err.problem) {
    case 'publicKeyOnly':
      return vscode.l10n.t('This JWK has no private part ("d"): paste the private key, not the public one.');
    case 'encrypted':
      return vscode.l10n.t('Encrypted private keys are not supported: export the key without a passphrase.');
    case 'notAKey':
      return vscode.l10n.t('Expected a private key as PEM ("-----BEGIN PRIVATE KEY-----") or as JWK JSON.');
    case 'unreadable':
      return vscode.l10n.t('The private key could not be read: it is neither a valid PEM nor a valid JWK.');
    case 'unsupportedAlgorithm':
      return vscode.l10n.t('Maskinporten keys must be RSA (RS256) or EC P-256 (ES256).');
    default:
      return err.message;
  }
}

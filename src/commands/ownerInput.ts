import * as vscode from 'vscode';
import { isValidOrganisationNumber, isValidPersonNumber } from '../api';

/** How an instance owner is named when typed: a party id, a person number or an organisation number. */
export type OwnerKind = 'party' | 'personNumber' | 'organisationNumber';

/**
 * What is wrong with a typed owner, or undefined when it is fine. `strict` also checks the check digits
 * (creating an instance); filters and searches accept any number of the right length.
 */
export function validateOwner(kind: OwnerKind, value: string, strict: boolean): string | undefined {
  switch (kind) {
    case 'party':
      return /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2147483647 ? undefined : vscode.l10n.t('A party id is a positive whole number, like 501337.');
    case 'personNumber':
      if (!/^\d{11}$/.test(value)) {
        return vscode.l10n.t('A person number has 11 digits.');
      }
      return !strict || isValidPersonNumber(value) ? undefined : vscode.l10n.t('The check digits of this person number do not match.');
    case 'organisationNumber':
      if (!/^\d{9}$/.test(value)) {
        return vscode.l10n.t('An organisation number has 9 digits.');
      }
      return !strict || isValidOrganisationNumber(value) ? undefined : vscode.l10n.t('The check digit of this organisation number does not match.');
  }
}

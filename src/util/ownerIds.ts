import type { InstanceOwner } from '../api';

/**
 * Masks a national identity number (fødselsnummer or D-number, 11 digits): the first six digits (the date of
 * birth) stay, the five personal digits become dots. A caseworker recognises a person by name and birth date,
 * and Altinn masks the same way in the App API's party lists (Altinn/app-lib-dotnet
 * src/Altinn.App.Core/Extensions/NationalIdentityNumberExtensions.cs Mask, v8.12.5+), so one person reads the
 * same there and here. Altinn's own masked form (six digits and five `*`) is shown the same way. Anything
 * else (an organisation number, which is public, a party id, a user name) is returned unchanged.
 */
export function maskPersonNumber(value: string): string {
  const match = /^(\d{6})(?:\d{5}|\*{5})$/.exec(value);
  return match ? `${match[1]}•••••` : value;
}

/** The owner's identifying number as shown: the organisation number, else the (masked) person number, else the user name. */
export function ownerIdText(owner: InstanceOwner, mask: boolean): string | undefined {
  if (owner.organisationNumber) {
    return owner.organisationNumber;
  }
  if (owner.personNumber) {
    return mask ? maskPersonNumber(owner.personNumber) : owner.personNumber;
  }
  return owner.username ?? owner.externalIdentifier;
}

/** The owner's full identifier, for copying: organisation or person number, else user name, else party id. */
export function ownerIdFull(owner: InstanceOwner): string {
  return owner.organisationNumber ?? owner.personNumber ?? owner.username ?? owner.externalIdentifier ?? owner.partyId;
}

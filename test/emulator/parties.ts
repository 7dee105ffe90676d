// Parties and test users as in app-localtest (docs/altinn-behaviour.md §3; ALT testdata/Register/Party,
// testdata/authorization/partylist): a user's party list nests sub-units under their main unit.

/** Register party type as the App API writes it (PartyType enum: 1 person, 2 organisation, 3 self-identified, ...). */
export type PartyType = 1 | 2 | 3 | 4 | 5;

export interface Party {
  partyId: number;
  partyUuid: string;
  partyTypeName: PartyType;
  ssn?: string;
  orgNumber?: string;
  /** Organisation form; sub-units are organisations with `BEDR` or `AAFY` (ALD InstantiationHelper). */
  unitType?: string;
  name: string;
}

/** One entry of a user's party list: a party and the sub-units the user may act for. */
export interface PartyGrant {
  partyId: number;
  subunits?: number[];
  /** Listed only as the parent of `subunits`: the user has no rights of their own for it. */
  noAccess?: boolean;
}

export interface TestUser {
  userId: number;
  userName: string;
  partyId: number;
  ssn: string;
  name: string;
  /** Parties the user may represent besides their own. */
  represents: PartyGrant[];
}

export const PARTIES: Party[] = [
  { partyId: 501337, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-501337000001', partyTypeName: 1, ssn: '01039012345', name: 'Sophie Salt' },
  { partyId: 512345, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-512345000001', partyTypeName: 1, ssn: '12125912345', name: 'Ola Nordmann' },
  { partyId: 510001, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-510001000001', partyTypeName: 1, ssn: '01017512345', name: 'Kari Nordmann' },
  { partyId: 500000, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500000000001', partyTypeName: 2, orgNumber: '897069650', unitType: 'AS',
    name: 'DDG Fitness AS' },
  { partyId: 500001, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500001000001', partyTypeName: 2, orgNumber: '897069651', unitType: 'BEDR',
    name: 'DDG Fitness Oslo' },
  { partyId: 500600, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500600000001', partyTypeName: 2, orgNumber: '897069631', unitType: 'AS',
    name: 'Eldste Kaffebar AS' },
  { partyId: 500800, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500800000001', partyTypeName: 2, orgNumber: '910457292', unitType: 'AS',
    name: 'Nordlys Regnskap AS' },
  { partyId: 500801, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500801000001', partyTypeName: 2, orgNumber: '910471120', unitType: 'BEDR',
    name: 'Nordlys Regnskap Tromsø' },
  // The service owners' own parties (ALT testdata/Register/Party/500005.json for ttd).
  { partyId: 500005, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500005000001', partyTypeName: 2, orgNumber: '405003309', unitType: 'BEDR',
    name: 'Testdepartementet' },
  { partyId: 500010, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500010000001', partyTypeName: 2, orgNumber: '991825827', unitType: 'ORGL',
    name: 'Digitaliseringsdirektoratet' },
];

export const USERS: TestUser[] = [
  { userId: 1337, userName: 'SophieDDG', partyId: 501337, ssn: '01039012345', name: 'Sophie Salt',
    represents: [{ partyId: 500000, subunits: [500001] }] },
  { userId: 12345, userName: 'OlaNordmann', partyId: 512345, ssn: '12125912345', name: 'Ola Nordmann', represents: [] },
  // Kari may act for one sub-unit of Nordlys Regnskap AS but not for the main unit itself.
  { userId: 1001, userName: 'KariNordmann', partyId: 510001, ssn: '01017512345', name: 'Kari Nordmann',
    represents: [{ partyId: 500600 }, { partyId: 500800, subunits: [500801], noAccess: true }] },
];

const PARTY_BY_ID = new Map(PARTIES.map((p) => [p.partyId, p]));

export function findParty(partyId: number): Party | undefined {
  return PARTY_BY_ID.get(partyId);
}

export function findPartyBySsn(ssn: string): Party | undefined {
  return PARTIES.find((p) => p.ssn === ssn);
}

export function findPartyByOrgNumber(orgNumber: string): Party | undefined {
  return PARTIES.find((p) => p.orgNumber === orgNumber);
}

export function findUser(userId: number): TestUser | undefined {
  return USERS.find((u) => u.userId === userId);
}

export function findUserBySsn(ssn: string): TestUser | undefined {
  return USERS.find((u) => u.ssn === ssn);
}

/** The user's party list: their own party, then what they represent, each with its sub-units. */
export function grantsOfUser(user: TestUser): PartyGrant[] {
  return [{ partyId: user.partyId }, ...user.represents];
}

/** Party ids a user may act for: their own, the ones they represent and those parties' sub-units. */
export function partiesOfUser(user: TestUser): number[] {
  return grantsOfUser(user).flatMap((g) => [...(g.noAccess ? [] : [g.partyId]), ...(g.subunits ?? [])]);
}

/** `lastChangedBy` is a user id or an org number; the App API's SimpleInstance shows a name instead. */
export function displayNameOf(changedBy: string | undefined): string | undefined {
  if (changedBy === undefined) return undefined;
  const user = findUser(Number(changedBy));
  if (user) return user.name;
  const party = findPartyByOrgNumber(changedBy);
  return party?.name ?? changedBy;
}

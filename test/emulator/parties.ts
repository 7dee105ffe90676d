// Parties and test users as in app-localtest (altinn-api.md §3; ALT testdata/Profile/User).

/** Register party type as the App API writes it (PartyType enum: 1 person, 2 organisation, ...). */
export type PartyType = 1 | 2 | 3 | 4 | 5;

export interface Party {
  partyId: number;
  partyUuid: string;
  partyTypeName: PartyType;
  ssn?: string;
  orgNumber?: string;
  unitType?: string;
  name: string;
}

export interface TestUser {
  userId: number;
  userName: string;
  partyId: number;
  ssn: string;
  name: string;
  /** Parties the user may represent besides their own. */
  represents: number[];
}

export const PARTIES: Party[] = [
  { partyId: 501337, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-501337000001', partyTypeName: 1, ssn: '01039012345', name: 'Sophie Salt' },
  { partyId: 512345, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-512345000001', partyTypeName: 1, ssn: '12125912345', name: 'Ola Nordmann' },
  { partyId: 510001, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-510001000001', partyTypeName: 1, ssn: '01017512345', name: 'Kari Nordmann' },
  { partyId: 500000, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500000000001', partyTypeName: 2, orgNumber: '897069650', unitType: 'AS',
    name: 'DDG Fitness AS' },
  { partyId: 500600, partyUuid: '4a3c2b6f-0a5e-4d4b-9d1c-500600000001', partyTypeName: 2, orgNumber: '897069631', unitType: 'AS',
    name: 'Eldste Kaffebar AS' },
];

export const USERS: TestUser[] = [
  { userId: 1337, userName: 'SophieDDG', partyId: 501337, ssn: '01039012345', name: 'Sophie Salt', represents: [500000] },
  { userId: 12345, userName: 'OlaNordmann', partyId: 512345, ssn: '12125912345', name: 'Ola Nordmann', represents: [] },
  { userId: 1001, userName: 'KariNordmann', partyId: 510001, ssn: '01017512345', name: 'Kari Nordmann', represents: [500600] },
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

/** Party ids a user may act for: their own party and the ones they represent. */
export function partiesOfUser(user: TestUser): number[] {
  return [user.partyId, ...user.represents];
}

/** `lastChangedBy` is a user id or an org number; the App API's SimpleInstance shows a name instead. */
export function displayNameOf(changedBy: string | undefined): string | undefined {
  if (changedBy === undefined) return undefined;
  const user = findUser(Number(changedBy));
  if (user) return user.name;
  const party = findPartyByOrgNumber(changedBy);
  return party?.name ?? changedBy;
}

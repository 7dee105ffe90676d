// Shared set-up for the api tests: an in-process emulator and clients signed in as the two user
// groups (app owner org `ttd`, app user 1337).
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index';
import { AltinnClient, AuthApi, Environment, type RequestLog, type TokenProvider } from '../../src/api';

export const TTD_ORG_NUMBER = '405003309';
export const DIGDIR_ORG_NUMBER = '991825827';
export const OWNER_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';
export const USER_ID = 1337;
export const USER_PARTY = 501337;
export const USER_SSN = '01039012345';
export const ORG_PARTY = 500000;
export const ORG_PARTY_NUMBER = '897069650';

export interface Fixture {
  emulator: Emulator;
  environment: Environment;
  auth: AuthApi;
  logs: RequestLog[];
  /** Client signed in as the app owner `ttd`. */
  owner: AltinnClient;
  /** Client signed in as user 1337 (Sophie Salt). */
  user: AltinnClient;
  close(): Promise<void>;
}

/** A caching token provider that fetches anew when asked to force a refresh. */
export function cachingProvider(fetchToken: () => Promise<string>, calls?: { forceRefresh: boolean }[]): TokenProvider {
  let cached: string | undefined;
  return async ({ forceRefresh }) => {
    calls?.push({ forceRefresh });
    if (!cached || forceRefresh) cached = await fetchToken();
    return cached;
  };
}

export function clientFor(fx: Pick<Fixture, 'environment' | 'logs'>, getToken: TokenProvider, extra: Partial<ConstructorParameters<typeof AltinnClient>[0]> = {}): AltinnClient {
  return new AltinnClient({ environment: fx.environment, getToken, onRequest: (l) => fx.logs.push(l), timeoutMs: 15_000, ...extra });
}

export async function startFixture(opts: EmulatorOptions = {}): Promise<Fixture> {
  const emulator = await startEmulator({ port: 0, ...opts });
  const environment = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: emulator.url });
  const auth = new AuthApi(environment);
  const logs: RequestLog[] = [];
  const fx = { emulator, environment, auth, logs };
  const owner = clientFor(fx, cachingProvider(() => auth.testOrgToken('ttd', { orgNumber: TTD_ORG_NUMBER, scopes: OWNER_SCOPES })));
  const user = clientFor(fx, cachingProvider(() => auth.testUserToken(USER_ID)));
  return { ...fx, owner, user, close: () => emulator.close() };
}

/** Requests the emulator has served so far (its own counter). */
export function requestCount(fx: Fixture): number {
  return fx.emulator.store.stats.requests;
}

export const BUILDING_PERMIT = 'ttd/building-permit';
export const INCOME_REPORT = 'ttd/income-report';

export function buildingPermitXml(applicant: string, address = 'Storgata 1', area = 120): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<BuildingPermit><applicant>${applicant}</applicant><address>${address}</address><areaSquareMeters>${area}</areaSquareMeters></BuildingPermit>`;
}

/** A tiny valid PDF-looking body. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** PNG signature plus a little more. */
export const PNG_BYTES = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

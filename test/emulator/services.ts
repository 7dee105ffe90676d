import type { KeyObject } from 'node:crypto';
import type { AppCatalog } from './apps';
import type { Faults } from './faults';
import type { Claims, TokenSigner } from './jwt';
import type { ProfileName } from './profiles';
import type { Store } from './store';

export interface MaskinportenClient {
  clientId: string;
  keyId?: string;
  key: KeyObject;
  orgNumber: string;
  scopes: string[];
}

/** Everything a route handler may use; one per running emulator. */
export interface Services {
  readonly baseUrl: string;
  /** Which local Altinn setup the emulator answers as (profiles.ts). */
  readonly profile: ProfileName;
  readonly store: Store;
  readonly apps: AppCatalog;
  readonly signer: TokenSigner;
  readonly faults: Faults;
  readonly tokenLifetimeSeconds: number;
  readonly maskinportenClients: Map<string, MaskinportenClient>;
  /** Whether apps run as in the Production host environment (EmulatorOptions.productionHost). */
  readonly productionHost: boolean;
  /** Directory for spooled large uploads. */
  readonly spoolDir: string;
  /** Signs claims as the emulator's "Altinn" with `iss`, `iat`, `exp` filled in. */
  issueAltinnToken(claims: Claims, lifetimeSeconds?: number): string;
}

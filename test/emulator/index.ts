// A local Altinn 3 (App API, Storage, Authentication, Events, test tokens) for the demo and the tests.
//
// Built on bare `node:http` rather than a framework, on purpose:
// - speed: the benchmark compares Storage query throughput with a bare node:http server, so there is no
//   middleware chain, body parser or per-request allocation we do not need;
// - control of wire quirks: Altinn answers with empty bodies, plain text, bare JSON strings or
//   ProblemDetails depending on the endpoint, and fault injection needs to destroy sockets and send a
//   full Content-Length with half a body; a framework would normalise exactly what we must reproduce;
// - no runtime dependency for the extension's test bundle.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppCatalog, type AppDef, type DataTypeOverrides } from './apps';
import { ALTINN_ISSUER } from './auth';
import { Faults, type FaultController, type FaultRule } from './faults';
import { TokenSigner, type Claims } from './jwt';
import { loadState, Persistence } from './persistence';
import { localtestPlatformGate, nginxGate, studioctlGate, type ProfileName } from './profiles';
import { registerMaskinportenClient as registerClient } from './routes/control';
import { seedStore, type SeedName } from './seed';
import { buildRouter, createRequestListener } from './server';
import type { MaskinportenClient, Services } from './services';
import { Store, type EmulatorStore, type EmulatorStats } from './store';

export type { AppDef, EmulatorStore, EmulatorStats, FaultController, FaultRule, ProfileName };
export type { Instance, DataElement, CloudEvent } from './types';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: SeedName;
  /** Extra generated instances per app (the default seed has 20 per app). */
  instancesPerApp?: number;
  /** Persistence file; omitted = memory only. */
  dataFile?: string;
  /** Lifetime of the tokens the emulator issues (default 3600). */
  tokenLifetimeSeconds?: number;
  /**
   * Changes to the seed apps' data types for this emulator only, by app id; an unknown id adds a type.
   * E.g. `{ 'ttd/building-permit': [{ id: 'drawing', maxSize: null }] }` to accept a 50 MB upload.
   */
  dataTypeOverrides?: DataTypeOverrides;
  /** Fault rules active from the start (the control endpoint and `faults` can change them later). */
  faults?: FaultRule[];
  /** Apps served beside (or, by id, instead of) the seed apps, e.g. the recorded apps the replay test loads. */
  extraApps?: AppDef[];
  /**
   * `default`: everything on one port. `localtest`: app-localtest behind its nginx, `port` being nginx's
   * and `platformPort` localtest's own. `studioctl`: studioctl's localtest container as the ingress,
   * apps routed only for the host local.altinn.cloud. See profiles.ts and the README.
   */
  profile?: ProfileName;
  /**
   * Answer as an app host in the Production environment (`IHostEnvironment.IsProduction()`), as Altinn's prod
   * cluster runs apps; off by default, since localtest runs apps as Development and TT02 as Staging
   * (docs/altinn-behaviour.md §5). It turns on `disallowUserInstantiation`.
   */
  productionHost?: boolean;
  /** localtest and studioctl profiles: localtest's own port (0 = ephemeral, the default here; the CLI uses 5101). */
  platformPort?: number;
}

export interface MaskinportenClientRegistration {
  clientId: string;
  keyId?: string;
  /** PEM or JWK JSON. */
  publicKey: string;
  orgNumber: string;
  scopes: string[];
}

export interface Emulator {
  /** e.g. http://127.0.0.1:43123 (no trailing slash); nginx's port in the localtest profile */
  readonly url: string;
  /** localtest's own port in the localtest and studioctl profiles (all of the platform answers there), else `url`. */
  readonly platformUrl: string;
  readonly profile: ProfileName;
  close(): Promise<void>;
  readonly faults: FaultController;
  readonly store: EmulatorStore;
  /** Signs claims as the emulator's Altinn (RS256); `iss`, `iat`, `exp` are added unless given. */
  issueToken(claims: Record<string, unknown>, lifetimeSeconds?: number): string;
  registerMaskinportenClient(c: MaskinportenClientRegistration): void;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** localtest's test tokens live 960 minutes. Altinn/app-localtest src/appsettings.json GeneralSettings.JwtCookieValidityTime */
const LOCALTEST_TOKEN_LIFETIME_SECONDS = 960 * 60;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const profile = opts.profile ?? 'default';
  const tokenLifetimeSeconds = opts.tokenLifetimeSeconds ?? (profile === 'default' ? 3600 : LOCALTEST_TOKEN_LIFETIME_SECONDS);
  const signer = await TokenSigner.create();
  // The listeners exist before the ports are known; they answer 503 until the store is seeded.
  const ready: { svc?: Services } = {};
  const router = buildRouter();
  const getServices = () => ready.svc;
  const ports = { front: 0 };
  const gate = profile === 'localtest' ? nginxGate(() => ports.front) : profile === 'studioctl' ? studioctlGate : undefined;
  const server = createServer({ keepAliveTimeout: 5000 }, createRequestListener(router, getServices, gate));
  const servers = [server];
  const port = (ports.front = await listen(server, opts.port ?? 0, host));
  const origin = (p: number) => `http://${host.includes(':') ? `[${host}]` : host}:${p}`;
  const url = origin(port);
  let platformUrl = url;
  if (profile !== 'default') {
    // app-localtest: localtest's own port beside nginx's. studioctl publishes the localtest container on
    // the ingress port and on 5101 alike. Altinn/altinn-studio src/cli/internal/cmd/env/localtest/components/core.go localtestContainer
    const platformGate = profile === 'localtest' ? localtestPlatformGate : studioctlGate;
    const platform = createServer({ keepAliveTimeout: 5000 }, createRequestListener(router, getServices, platformGate));
    servers.push(platform);
    try {
      platformUrl = origin(await listen(platform, opts.platformPort ?? 0, host));
    } catch (e) {
      server.close();
      throw e;
    }
  }

  const apps = new AppCatalog(opts.dataTypeOverrides, opts.extraApps);
  const store = new Store(url);
  const spoolDir = opts.dataFile ? `${opts.dataFile}.blobs` : mkdtempSync(join(tmpdir(), 'altinn-emulator-'));
  mkdirSync(spoolDir, { recursive: true });
  let persistence: Persistence | undefined;
  try {
    const loaded = opts.dataFile ? loadState(store, apps, opts.dataFile) : false;
    if (!loaded) seedStore(store, apps, opts.seed ?? 'default', opts.instancesPerApp ?? 0);
    if (opts.dataFile) {
      persistence = new Persistence(store, opts.dataFile);
      if (!loaded) persistence.saveNow();
    }
  } catch (e) {
    for (const s of servers) s.close();
    throw e;
  }
  const faults = new Faults();
  for (const rule of opts.faults ?? []) faults.add(rule);
  const maskinportenClients = new Map<string, MaskinportenClient>();
  const issueAltinnToken = (claims: Claims, lifetimeSeconds?: number): string => {
    const now = Math.floor(Date.now() / 1000);
    return signer.sign({ iss: ALTINN_ISSUER, iat: now, nbf: now, exp: now + (lifetimeSeconds ?? tokenLifetimeSeconds), ...claims });
  };
  const svc: Services = { baseUrl: url, profile, store, apps, signer, faults, tokenLifetimeSeconds, maskinportenClients, spoolDir, issueAltinnToken,
    productionHost: opts.productionHost ?? false };
  ready.svc = svc;

  let closed = false;
  return {
    url,
    platformUrl,
    profile,
    faults,
    store,
    issueToken: issueAltinnToken,
    registerMaskinportenClient: (c) => void registerClient({ svc }, c),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
      persistence?.flush();
      if (!opts.dataFile) rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}

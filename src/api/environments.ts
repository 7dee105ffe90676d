import { AltinnInputError } from './errors';
import { type AppId, toAppId } from './ids';
import { isLocaltestHost, isLoopbackHost, joinUrl, parseBaseUrl } from './urls';

export type EnvironmentKind = 'production' | 'tt02' | 'localtest' | 'emulator' | 'custom';

export interface EnvironmentConfig {
  id: string;
  name: string;
  kind: EnvironmentKind;
  /**
   * localtest: where the apps are, app-localtest's nginx (default http://local.altinn.cloud) or studioctl's
   * ingress (http://local.altinn.cloud:8000); emulator: its base URL (required);
   * custom: the apps base, either `https://host` (apps at `<url>/{org}/{app}`) or a pattern with
   * `{org}`, like `https://{org}.apps.at22.altinn.cloud` (required).
   */
  url?: string;
  /**
   * Overrides the platform base (Storage, authentication, events live under it). localtest: default the
   * apps host on localtest's own port 5101.
   */
  platformUrl?: string;
  /** Overrides the Maskinporten token endpoint. */
  maskinportenUrl?: string;
}

const KINDS: readonly EnvironmentKind[] = ['production', 'tt02', 'localtest', 'emulator', 'custom'];
const LOCALTEST_DEFAULT = 'http://local.altinn.cloud';
/**
 * localtest's own port. app-localtest's nginx passes only `/Home/` and `/storage/` to localtest (the
 * authentication, authorization and events prefixes reach the app), so the platform is addressed here;
 * studioctl publishes the same container port on the host.
 * Altinn/app-localtest loadbalancer/templates/nginx.conf.conf, docker-compose.yml (5101:5101);
 * Altinn/altinn-studio src/cli/internal/cmd/env/localtest/components/core.go LocaltestServicePort
 */
const LOCALTEST_PLATFORM_PORT = '5101';

interface Resolved {
  appsPattern: string; // `{org}` placeholder allowed in the host
  platformUrl: string;
  testTokenUrl?: string;
  maskinportenTokenUrl?: string;
}

function resolve(cfg: EnvironmentConfig): Resolved {
  switch (cfg.kind) {
    case 'production':
      return {
        appsPattern: 'https://{org}.apps.altinn.no',
        platformUrl: cfg.platformUrl ? parseBaseUrl(cfg.platformUrl, 'platformUrl') : 'https://platform.altinn.no',
        maskinportenTokenUrl: 'https://maskinporten.no/token',
      };
    case 'tt02':
      return {
        appsPattern: 'https://{org}.apps.tt02.altinn.no',
        platformUrl: cfg.platformUrl ? parseBaseUrl(cfg.platformUrl, 'platformUrl') : 'https://platform.tt02.altinn.no',
        maskinportenTokenUrl: 'https://test.maskinporten.no/token',
      };
    case 'localtest': {
      const base = parseBaseUrl(cfg.url || LOCALTEST_DEFAULT, 'localtestUrl');
      const host = new URL(base).hostname;
      if (!isLocaltestHost(host) && !isLoopbackHost(host)) {
        throw new AltinnInputError({ code: 'localtestHost', args: [String(JSON.stringify(host))] });
      }
      const own = new URL(base);
      own.port = LOCALTEST_PLATFORM_PORT;
      const platformUrl = cfg.platformUrl ? parseBaseUrl(cfg.platformUrl, 'platformUrl') : own.origin;
      // Test tokens come from localtest's /Home/, which its own port always serves.
      return { appsPattern: base, platformUrl, testTokenUrl: platformUrl };
    }
    case 'emulator': {
      if (!cfg.url) throw new AltinnInputError({ code: 'emulatorNeedsUrl' });
      const base = parseBaseUrl(cfg.url, 'emulatorUrl');
      return {
        appsPattern: base,
        platformUrl: cfg.platformUrl ? parseBaseUrl(cfg.platformUrl, 'platformUrl') : base,
        testTokenUrl: base,
        maskinportenTokenUrl: `${base}/maskinporten/token`,
      };
    }
    case 'custom': {
      if (!cfg.url) throw new AltinnInputError({ code: 'customNeedsUrl' });
      const pattern = cfg.url.trim().replace(/\/+$/, '');
      // Validate with a sample org substituted: `{org}` is not a valid host character.
      parseBaseUrl(pattern.replace(/\{org\}/g, 'ttd'), 'appsUrl');
      if (/\{(?!org\})[^}]*\}/.test(pattern) || (pattern.includes('{org}') && !/^https?:\/\/[^/]*\{org\}/.test(pattern))) {
        throw new AltinnInputError({ code: 'orgPlaceholderOnlyInHost' });
      }
      const platformUrl = cfg.platformUrl
        ? parseBaseUrl(cfg.platformUrl, 'platformUrl')
        : pattern.includes('{org}')
          ? (() => {
              throw new AltinnInputError({ code: 'orgPatternNeedsPlatform' });
            })()
          : parseBaseUrl(pattern, 'appsUrl');
      return { appsPattern: pattern, platformUrl };
    }
    default:
      throw new AltinnInputError({ code: 'unknownKind', args: [String(JSON.stringify(cfg.kind)), KINDS.join(', ')] });
  }
}

/** Where one Altinn environment's apps, platform services and token endpoints live. */
export class Environment {
  readonly id: string;
  readonly name: string;
  readonly kind: EnvironmentKind;
  /** Platform base, no trailing slash: Storage is at `${platformUrl}/storage/api/v1`. */
  readonly platformUrl: string;
  /** Base of localtest-style `/Home/GetTestUserToken` endpoints (localtest and emulator only). */
  readonly testTokenUrl?: string;
  readonly maskinportenTokenUrl?: string;
  private readonly appsPattern: string;

  constructor(cfg: EnvironmentConfig) {
    if (!cfg || typeof cfg !== 'object') throw new AltinnInputError({ code: 'missingConfig' });
    if (!KINDS.includes(cfg.kind)) {
      throw new AltinnInputError({ code: 'unknownKind', args: [String(JSON.stringify(cfg.kind)), KINDS.join(', ')] });
    }
    const resolved = resolve(cfg);
    this.id = cfg.id;
    this.name = cfg.name;
    this.kind = cfg.kind;
    this.platformUrl = resolved.platformUrl;
    this.testTokenUrl = resolved.testTokenUrl;
    this.maskinportenTokenUrl = cfg.maskinportenUrl
      ? parseBaseUrl(cfg.maskinportenUrl, 'maskinportenUrl')
      : resolved.maskinportenTokenUrl;
    this.appsPattern = resolved.appsPattern;
  }

  /** `https://{org}.apps.<host>/{org}/{app}` or `<base>/{org}/{app}`, no trailing slash. */
  appBaseUrl(appId: AppId | string): string {
    const { org, app } = toAppId(appId);
    // org is checked to [a-z0-9] by toAppId, so it is safe in a host name.
    const origin = this.appsPattern.replace(/\{org\}/g, org);
    return joinUrl(origin, org, app);
  }

  /** `<platform>/storage/api/v1` */
  get storageUrl(): string {
    return `${this.platformUrl}/storage/api/v1`;
  }

  get authenticationUrl(): string {
    return `${this.platformUrl}/authentication/api/v1`;
  }

  get eventsUrl(): string {
    return `${this.platformUrl}/events/api/v1`;
  }

  /**
   * Whether `/authentication/api/v1/exchange` exists: localtest has none (its AuthenticationController has
   * refresh and its own test tokens only). Altinn/app-localtest src/Controllers/Authentication/AuthenticationController.cs
   */
  get exchangesTokens(): boolean {
    return this.kind !== 'localtest';
  }

  /**
   * Whether an app's events can be read (`GET /events/api/v1/app/{org}/{app}`): localtest only takes the
   * apps' POSTs. Altinn/app-localtest src/Controllers/Events/AppController.cs
   */
  get appEventsReadable(): boolean {
    return this.kind !== 'localtest';
  }

  /** Test identities (localtest numbers that fail mod-11) are normal here. */
  get usesTestData(): boolean {
    return this.kind === 'localtest' || this.kind === 'emulator';
  }

  toString(): string {
    return `${this.name} (${this.kind})`;
  }
}

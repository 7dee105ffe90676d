// Token endpoints (docs/altinn-behaviour.md §3): exchange of a Maskinporten or ID-porten token for an Altinn
// token, refresh, localtest/emulator test tokens, and the Maskinporten grant itself. Takes an
// Environment and no token provider: these are how a token is obtained in the first place.
import type { CallOptions } from './context';
import type { Environment } from './environments';
import { AltinnApiError, AltinnInputError } from './errors';
import { HttpClient, type HttpOptions } from './http';
import { decodeJwtClaims, tokenFromBody } from './jwt';
import { parseOrg, parsePartyId } from './ids';
import { createMaskinportenAssertion, type MaskinportenClientKey, maskinportenAudience } from './maskinporten';
import { joinUrl, redactUrl } from './urls';

export type ExchangeProvider = 'maskinporten' | 'id-porten';

export interface TestOrgTokenOptions extends CallOptions {
  /**
   * Left out, localtest looks a service owner's number up in Altinn's list of orgs (Altinn/app-localtest
   * src/Services/Authentication/Implementation/AuthenticationService.cs GenerateTokenForOrg).
   */
  orgNumber?: string;
  /** Space-separated; the endpoint's default is `altinn:serviceowner/instances.read`. */
  scopes?: string;
  authenticationLevel?: number;
}

export interface MaskinportenGrantOptions extends MaskinportenClientKey, CallOptions {
  scopes: readonly string[];
  /** Defaults to the issuer derived from the environment's token endpoint. */
  audience?: string;
  resource?: string;
}

export interface MaskinportenToken {
  accessToken: string;
  tokenType: string;
  expiresIn?: number;
  scope?: string;
}

const SCOPES_PATTERN = /^[A-Za-z0-9:/._-]+( [A-Za-z0-9:/._-]+)*$/;

export class AuthApi {
  private readonly http: HttpClient;

  constructor(readonly environment: Environment, options: Omit<HttpOptions, 'getToken'> = {}) {
    this.http = new HttpClient(options);
  }

  /** `GET /authentication/api/v1/exchange/{provider}` with the external token as bearer → Altinn JWT. */
  async exchange(provider: ExchangeProvider, externalToken: string, opts: CallOptions & { test?: boolean } = {}): Promise<string> {
    if (provider !== 'maskinporten' && provider !== 'id-porten') throw new AltinnInputError({ code: 'unknownTokenProvider', args: [JSON.stringify(provider)] });
    if (!this.environment.exchangesTokens) {
      throw new AltinnInputError({ code: 'noTokenExchange', args: [this.environment.name] });
    }
    const token = this.checkToken(externalToken);
    const url = joinUrl(this.environment.authenticationUrl, 'exchange', provider);
    const body = await this.http.text({ url, query: { test: opts.test ? 'true' : undefined }, headers: { authorization: `Bearer ${token}` }, auth: false, signal: opts.signal });
    return tokenFromBody(body);
  }

  /** `GET /authentication/api/v1/refresh` → a new Altinn JWT. */
  async refresh(altinnToken: string, opts: CallOptions = {}): Promise<string> {
    const token = this.checkToken(altinnToken);
    const url = joinUrl(this.environment.authenticationUrl, 'refresh');
    const body = await this.http.text({ url, headers: { authorization: `Bearer ${token}` }, auth: false, signal: opts.signal });
    return tokenFromBody(body);
  }

  /** Localtest/emulator: `/Home/GetTestUserToken/{userId}` (plain-text JWT). */
  async testUserToken(userId: number | string, opts: CallOptions & { authenticationLevel?: number } = {}): Promise<string> {
    const base = this.testBase();
    const url = joinUrl(base, 'Home', 'GetTestUserToken', parsePartyId(userId));
    const body = await this.http.text({ url, query: { authenticationLevel: this.level(opts.authenticationLevel) }, auth: false, signal: opts.signal });
    return tokenFromBody(body);
  }

  /** Localtest/emulator: `/Home/GetTestOrgToken/{org}?orgNumber=&scopes=`. */
  async testOrgToken(org: string, opts: TestOrgTokenOptions = {}): Promise<string> {
    const base = this.testBase();
    if (opts.orgNumber !== undefined && !/^\d{9}$/.test(opts.orgNumber)) throw new AltinnInputError({ code: 'aTestOrgTokenNeeds' });
    if (opts.scopes !== undefined && !SCOPES_PATTERN.test(opts.scopes)) throw new AltinnInputError({ code: 'invalidScopes', args: [JSON.stringify(opts.scopes)] });
    const url = joinUrl(base, 'Home', 'GetTestOrgToken', parseOrg(org));
    const query = { orgNumber: opts.orgNumber, scopes: opts.scopes, authenticationLevel: this.level(opts.authenticationLevel) };
    const body = await this.http.text({ url, query, auth: false, signal: opts.signal });
    return tokenFromBody(body);
  }

  /** The JWT-bearer grant against the environment's Maskinporten token endpoint. */
  async maskinportenToken(opts: MaskinportenGrantOptions): Promise<MaskinportenToken> {
    const tokenUrl = this.environment.maskinportenTokenUrl;
    if (!tokenUrl) throw new AltinnInputError({ code: 'theEnvironmentHasNoMaskinporten', args: [this.environment.name] });
    const assertion = createMaskinportenAssertion({
      clientId: opts.clientId,
      privateKey: opts.privateKey,
      keyId: opts.keyId,
      scopes: opts.scopes,
      audience: opts.audience ?? maskinportenAudience(tokenUrl),
      resource: opts.resource,
    });
    const form = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    const body = await this.http.json<Record<string, unknown>>({
      method: 'POST',
      url: tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      auth: false,
      signal: opts.signal,
    });
    if (!body || typeof body.access_token !== 'string') {
      throw new AltinnApiError({ kind: 'http', method: 'POST', url: redactUrl(tokenUrl), status: 200, text: 'Maskinporten answered without an access_token' });
    }
    return {
      accessToken: body.access_token,
      tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
      expiresIn: typeof body.expires_in === 'number' ? body.expires_in : undefined,
      scope: typeof body.scope === 'string' ? body.scope : undefined,
    };
  }

  /** Maskinporten grant, then exchange for an Altinn token. */
  async maskinportenAltinnToken(opts: MaskinportenGrantOptions): Promise<string> {
    const mp = await this.maskinportenToken(opts);
    return this.exchange('maskinporten', mp.accessToken, { signal: opts.signal });
  }

  private testBase(): string {
    if (!this.environment.testTokenUrl) {
      throw new AltinnInputError({ code: 'testTokensExistOnlyIn', args: [this.environment.name] });
    }
    return this.environment.testTokenUrl;
  }

  private level(value: number | undefined): number | undefined {
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 4)) {
      throw new AltinnInputError({ code: 'invalidAuthenticationLevelExpected0', args: [value] });
    }
    return value;
  }

  private checkToken(token: string): string {
    decodeJwtClaims(token);
    return token.trim();
  }
}

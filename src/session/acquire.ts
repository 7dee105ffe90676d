// Getting an Altinn token for a set of credentials, through src/api (never HTTP of our own).
import { AltinnInputError, type AuthApi, type Environment } from '../api';
import type { Credentials } from './stored';

/** The token endpoints sessions use, all from `src/api`'s AuthApi (a narrower type lets tests count calls). */
export type TokenEndpoints = Pick<AuthApi, 'exchange' | 'refresh' | 'testUserToken' | 'testOrgToken' | 'maskinportenAltinnToken'>;

export interface AcquireContext {
  readonly environment: Environment;
  readonly endpoints: TokenEndpoints;
  /** Stops the request (the CLI's Ctrl+C). */
  readonly signal?: AbortSignal;
}

/**
 * A new Altinn token without asking anyone: a new grant (Maskinporten), a new test token, or
 * `refresh` of the current token (pasted and ID-porten sessions, whose external token we do not keep).
 */
export async function acquireToken(ctx: AcquireContext, credentials: Credentials, current?: string): Promise<string> {
  const signal = ctx.signal ? { signal: ctx.signal } : {};
  switch (credentials.method) {
    case 'token':
    case 'idporten':
      if (current === undefined) {
        throw new AltinnInputError({ code: 'thisSessionCannotBeRenewed' });
      }
      return ctx.signal ? ctx.endpoints.refresh(current, signal) : ctx.endpoints.refresh(current);
    case 'maskinporten':
      // The grant's assertion is signed by src/api with the key from the secret store; the key goes nowhere else.
      return ctx.endpoints.maskinportenAltinnToken({
        clientId: credentials.clientId,
        keyId: credentials.keyId,
        privateKey: credentials.privateKey,
        scopes: credentials.scopes.split(/\s+/).filter((s) => s !== ''),
        ...signal,
      });
    case 'testUser':
      return ctx.signal ? ctx.endpoints.testUserToken(credentials.userId, signal) : ctx.endpoints.testUserToken(credentials.userId);
    case 'testOrg':
      return ctx.endpoints.testOrgToken(credentials.org, { orgNumber: credentials.orgNumber, scopes: credentials.scopes, ...signal });
  }
}

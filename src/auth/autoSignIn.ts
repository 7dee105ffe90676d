import type { Memento } from 'vscode';
import type { EnvironmentEntry } from '../environments/registry';
import type { Credentials } from '../session';

// Localtest's and the emulator's service owners (test/emulator/README.md, fixed seed), used when the setting leaves orgNumber out.
export const SEED_ORG_NUMBERS: Readonly<Record<string, string>> = { ttd: '405003309', digdir: '991825827' };

/**
 * The credentials of an environment's `autoSignIn` setting, honoured only for the emulator and localtest
 * (README.md, Settings): a test identity is not a secret, the token fetched with it is.
 */
export function autoSignInCredentials(entry: EnvironmentEntry | undefined): Credentials | undefined {
  const kind = entry?.setting.kind;
  const auto: unknown = entry?.setting.autoSignIn;
  if (!entry?.environment || (kind !== 'emulator' && kind !== 'localtest') || typeof auto !== 'object' || auto === null) {
    return undefined;
  }
  const o = auto as Record<string, unknown>;
  if (typeof o.testUser === 'number' && Number.isSafeInteger(o.testUser) && o.testUser > 0) {
    return { method: 'testUser', userId: o.testUser };
  }
  if (typeof o.testOrg === 'string' && /^[a-z0-9]+$/.test(o.testOrg)) {
    return {
      method: 'testOrg',
      org: o.testOrg,
      orgNumber: typeof o.orgNumber === 'string' ? o.orgNumber : (SEED_ORG_NUMBERS[o.testOrg] ?? ''),
      scopes: typeof o.scopes === 'string' ? o.scopes : undefined,
    };
  }
  return undefined;
}

const AUTO_OFF_KEY = 'altinn.auth.autoSignInOff';

/**
 * Environments whose automatic sign-in is off because the user signed out (or Altinn refused the
 * session): signing out must not be undone by the next tree refresh. An explicit sign-in turns it on again.
 */
export class AutoSignInSwitch {
  constructor(private readonly state: Memento) {}

  isOff(envId: string): boolean {
    return this.state.get<string[]>(AUTO_OFF_KEY, []).includes(envId);
  }

  async set(envId: string, off: boolean): Promise<void> {
    const others = this.state.get<string[]>(AUTO_OFF_KEY, []).filter((id) => id !== envId);
    if (off || others.length !== this.state.get<string[]>(AUTO_OFF_KEY, []).length) {
      await this.state.update(AUTO_OFF_KEY, off ? [...others, envId] : others);
    }
  }
}

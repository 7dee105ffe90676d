// Sessions in the OS keychain through keytar (service `altinn-explorer`, account = environment id).
// keytar is an optional native module, loaded only when a secret is needed; without it, or without
// a running keychain (no D-Bus secret service), nothing is stored anywhere and the user is told to
// use ALTINN_TOKEN instead. There is deliberately no plaintext fallback.
import { CliError } from './errors';

export const KEYCHAIN_SERVICE = 'altinn-explorer';
/** libsecret waits for an unlock prompt that never comes on a headless machine: give up after this. */
const KEYCHAIN_TIMEOUT_MS = 15_000;

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export class KeychainUnavailableError extends CliError {
  constructor(readonly reason: string, writing = false) {
    super(
      `The OS keychain is not available: ${reason}`,
      `${writing ? 'Nothing was stored. ' : ''}Set ALTINN_TOKEN to an Altinn token instead (for example ` +
        'ALTINN_TOKEN=$(altinn-explorer login … --print-token)), or install keytar and run a keychain ' +
        '(on Linux: libsecret and a secret service such as gnome-keyring on a D-Bus session).',
    );
  }
}

let keytarModule: Keytar | Error | undefined;

function loadKeytar(): Keytar {
  if (keytarModule === undefined) {
    try {
      // Kept external by esbuild and required only here: the CLI works without it (ALTINN_TOKEN).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      keytarModule = require('keytar') as Keytar;
    } catch (error) {
      keytarModule = error instanceof Error ? error : new Error(String(error));
    }
  }
  if (keytarModule instanceof Error) {
    throw new KeychainUnavailableError(`the keytar module could not be loaded (${firstLine(keytarModule.message)}).`);
  }
  return keytarModule;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

async function withKeychain<T>(what: string, run: (k: Keytar) => Promise<T>): Promise<T> {
  const writing = what !== 'reading the keychain';
  let keytar: Keytar;
  try {
    keytar = loadKeytar();
  } catch (error) {
    throw error instanceof KeychainUnavailableError && writing ? new KeychainUnavailableError(error.reason, true) : error;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainUnavailableError(`it did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s (is it locked?).`, writing)), KEYCHAIN_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([run(keytar), timeout]);
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw error;
    // libsecret's own words: "Cannot autolaunch D-Bus without X11 $DISPLAY", "The name org.freedesktop.secrets was not provided…"
    throw new KeychainUnavailableError(`${what} failed (${firstLine((error as Error).message ?? String(error))}).`, writing);
  } finally {
    clearTimeout(timer);
  }
}

/** The keychain as a small key-value store of strings; tests may pass another. */
export interface SecretStore {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export const keychain: SecretStore = {
  get: (account) => withKeychain('reading the keychain', async (k) => (await k.getPassword(KEYCHAIN_SERVICE, account)) ?? undefined),
  set: (account, secret) => withKeychain('writing to the keychain', (k) => k.setPassword(KEYCHAIN_SERVICE, account, secret)),
  delete: (account) => withKeychain('deleting from the keychain', (k) => k.deletePassword(KEYCHAIN_SERVICE, account)),
};

// A private D-Bus session with an unlocked gnome-keyring for the keychain tests, the way a Linux
// desktop provides one. Both daemons are children of the test process and are ended by their pids.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './helpers';

export interface Keyring {
  address: string;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, match: RegExp, what: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (match.test(line)) {
        clearTimeout(timer);
        lines.close();
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The keychain is ready when keytar can read from it. */
async function waitForSecretService(env: NodeJS.ProcessEnv): Promise<void> {
  const probe = "require('keytar').getPassword('altinn-explorer-probe','probe').then(()=>process.exit(0),()=>process.exit(1))";
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['-e', probe], { cwd: REPO_ROOT, env, stdio: 'ignore' }).on('exit', resolve);
    });
    if (code === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the secret service did not come up on the D-Bus session');
}

export async function startKeyring(env: Record<string, string | undefined>, password = 'pw'): Promise<Keyring> {
  const dbus = spawn('dbus-daemon', ['--session', '--nofork', '--nopidfile', '--print-address=1'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  let keyring: ChildProcess | undefined;
  try {
    const address = await firstLine(dbus, /^unix:/, 'dbus-daemon', 10_000);
    const withBus = { ...env, DBUS_SESSION_BUS_ADDRESS: address };
    keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env: withBus, stdio: ['pipe', 'pipe', 'ignore'] });
    keyring.stdin!.end(password);
    await firstLine(keyring, /^GNOME_KEYRING_CONTROL=/, 'gnome-keyring-daemon', 10_000);
    await waitForSecretService(withBus);
    const started = keyring;
    return {
      address,
      stop: async () => {
        await stopChild(started);
        await stopChild(dbus);
      },
    };
  } catch (error) {
    if (keyring) await stopChild(keyring);
    await stopChild(dbus);
    throw error;
  }
}

/** Reads the stored secret straight from the keychain, as another program would. */
export function readKeychain(env: Record<string, string | undefined>, account: string): Promise<string | null> {
  const script = `require('keytar').getPassword('altinn-explorer', ${JSON.stringify(account)}).then((v) => { process.stdout.write(JSON.stringify(v)); })`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as string | null) : reject(new Error(`keytar read failed (${code})`))));
  });
}

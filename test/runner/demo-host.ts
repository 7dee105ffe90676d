import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { freePort } from './free-port';
import { ensureHostInstalled } from './host-install';
import { startVsCodeServer, type VsCodeServer } from './host-server';
import { repoRoot } from './paths';
import { workbenchUrl } from './workbench';

export const DEMO_ENVIRONMENT_ID = 'emulator';

/** The user settings that point the extension at the local emulator, signed in as the test org ttd. */
export function demoSettings(emulatorUrl: string): Record<string, unknown> {
  return {
    'altinn.environments': [
      {
        id: DEMO_ENVIRONMENT_ID,
        name: 'Local emulator',
        kind: 'emulator',
        url: emulatorUrl,
        autoSignIn: {
          testOrg: 'ttd',
          orgNumber: '405003309',
          scopes: 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write',
        },
      },
    ],
    'altinn.pinnedApps': [`${DEMO_ENVIRONMENT_ID}:ttd/building-permit`, `${DEMO_ENVIRONMENT_ID}:ttd/income-report`],
    // A form edit is written to Altinn on save; code-server's default auto-save would do that after a second.
    'files.autoSave': 'off',
  };
}

export interface DemoHostOptions {
  tempRoot: string;
  /** Preferred ports, taken when free (otherwise any free port). */
  emulatorPort?: number;
  serverPort?: number;
  log?: (line: string) => void;
}

export interface DemoHost {
  readonly emulator: Emulator;
  readonly server: VsCodeServer;
  /** The workbench URL with the extension under development loaded. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The emulator (default seed) in this process and a VS Code server whose user settings point the extension
 * at it: the host behind `npm start` and `npm run screenshot`.
 */
export async function startDemoHost(options: DemoHostOptions): Promise<DemoHost> {
  await ensureHostInstalled(options.log);
  const emulator = await startEmulator({ port: await freePort(options.emulatorPort), seed: 'default' });
  let server: VsCodeServer;
  try {
    server = await startVsCodeServer({
      tempRoot: options.tempRoot,
      port: options.serverPort,
      userSettings: demoSettings(emulator.url),
    });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  const workspace = path.join(options.tempRoot, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const url = workbenchUrl({
    origin: server.origin,
    port: server.port,
    folder: workspace,
    extensionDevelopmentPath: repoRoot,
  });
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await server.close();
      await emulator.close();
    })());
  return { emulator, server, url, close };
}

import * as fs from 'node:fs';
import { startDemoHost, type DemoHost } from './demo-host';
import { vscodeProductJson } from './paths';
import { makeTempDir, removeTempDir } from './temp-dir';

/**
 * `npm start`: the local Altinn emulator with sample data and a VS Code (code-server's, in your browser) with
 * the extension configured for it. Runs until Ctrl+C and then stops both and removes its temp folder.
 */
const EMULATOR_PORT = 5757;
const VSCODE_PORT = 8080;

function vscodeVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(vscodeProductJson, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

async function main(): Promise<void> {
  const tempRoot = makeTempDir('altinn-start');
  let host: DemoHost | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping…');
    await host?.close();
    removeTempDir(tempRoot);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  try {
    host = await startDemoHost({ tempRoot, emulatorPort: EMULATOR_PORT, serverPort: VSCODE_PORT });
  } catch (err) {
    console.error(`Could not start: ${(err as Error).message}`);
    await stop(1);
    return;
  }
  console.log('');
  console.log(`Altinn emulator (default seed): ${host.emulator.url}`);
  console.log(`VS Code ${vscodeVersion()} server:        ${host.server.origin}  (log: ${host.server.logFile})`);
  console.log('');
  console.log('Open this URL in a browser on this machine (Altinn Explorer is loaded, environment "Local emulator"):');
  console.log('');
  console.log(`  ${host.url}`);
  console.log('');
  console.log('Press Ctrl+C to stop.');
  void host.server.exited.then(() => {
    if (!stopping) {
      console.error(`The VS Code server stopped on its own; its log:\n${host?.server.logTail()}`);
      void stop(1);
    }
  });
}

void main();

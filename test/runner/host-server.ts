import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { onExitCleanup } from './exit-cleanup';
import { freePort } from './free-port';
import { serverMain } from './paths';
import { quietWorkbenchSettings } from './workbench-settings';

export interface VsCodeServerOptions {
  /** A folder of this run's own; the server's data, sockets and logs go below it. */
  tempRoot: string;
  /** Preferred port; another free one is taken when it is busy. Default: any free port. */
  port?: number;
  /** Written to the user's settings.json before the workbench first loads. */
  userSettings?: Record<string, unknown>;
  /** Lets the workbench report test results to the page (codeAutomationLog/codeAutomationExit). */
  smokeTestDriver?: boolean;
  /** Extra environment for the server and the extension hosts it forks. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export interface VsCodeServer {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  readonly logFile: string;
  /** Settles when the server process has exited, for whatever reason. */
  readonly exited: Promise<void>;
  /** Last lines of the server's own output, for error messages. */
  logTail(lines?: number): string;
  close(): Promise<void>;
}


function waitForHttp(origin: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`the VS Code server exited early (${child.signalCode ?? child.exitCode})`));
        return;
      }
      if (Date.now() > deadline) {
        reject(new Error(`the VS Code server did not answer on ${origin} within ${timeoutMs / 1000} s`));
        return;
      }
      const req = http.get(`${origin}/version`, (res) => {
        res.resume();
        if (res.statusCode !== undefined && res.statusCode < 500) {
          resolve();
        } else {
          setTimeout(attempt, 250);
        }
      });
      req.on('error', () => setTimeout(attempt, 250));
      req.setTimeout(2000, () => req.destroy());
    };
    attempt();
  });
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // The server forks extension hosts that outlive a disconnected browser; they share its process group.
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Starts the VS Code server from code-server directly (its wrapper rejects some flags) on 127.0.0.1,
 * in a process group of its own so that close() also ends the extension hosts it forked.
 */
export async function startVsCodeServer(options: VsCodeServerOptions): Promise<VsCodeServer> {
  const port = await freePort(options.port);
  const dir = (name: string): string => {
    const p = path.join(options.tempRoot, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const userDataDir = dir('user-data');
  const tmpDir = dir('tmp');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietWorkbenchSettings, ...options.userSettings }, undefined, 2),
  );
  const logFile = path.join(options.tempRoot, 'server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-workspace-trust',
    '--telemetry-level', 'off',
    '--server-data-dir', dir('server-data'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', dir('extensions'),
    ...(options.smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
  ];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      TMPDIR: tmpDir,
      // No extension marketplace: the network is closed, and the workbench would log every failed lookup.
      EXTENSIONS_GALLERY: '{}',
      ...options.env,
    },
  });
  fs.closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('could not start the VS Code server');
  }
  const forget = onExitCleanup(() => signalGroup(pid, 'SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const logTail = (lines = 30): string => {
    try {
      return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      signalGroup(pid, 'SIGTERM');
      if (!(await waitForExit(child, 5000))) {
        signalGroup(pid, 'SIGKILL');
        await waitForExit(child, 2000);
      }
      // Extension hosts may still be shutting down after the server itself exited.
      signalGroup(pid, 'SIGKILL');
      forget();
    })();
    return closed;
  };
  try {
    await waitForHttp(origin, child, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}\n--- server log ---\n${logTail()}`);
  }
  return { port, origin, logFile, exited, logTail, close };
}

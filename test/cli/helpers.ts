// Running the BUILT command (dist/cli.js, from `node esbuild.js`) as a child process, with a private
// HOME and XDG_CONFIG_HOME, against an emulator started in the test process.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { AltinnClient, AuthApi, Environment } from '../../src/api';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index';

/** out/test/cli/x.test.js → the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export const OWNER_SCOPES = 'altinn:serviceowner/instances.read altinn:serviceowner/instances.write';
export const TTD_ORG_NUMBER = '405003309';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
}

export interface RunningCli {
  child: ChildProcess;
  result: Promise<CliResult>;
}

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "node esbuild.js" before the CLI tests.`);
}

/** Starts the CLI; the result resolves when it exits (or after timeoutMs, when it is killed). */
export function startCli(args: string[], opts: RunOptions = {}): RunningCli {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout!.on('data', (c: Buffer) => stdout.push(c));
  child.stderr!.on('data', (c: Buffer) => stderr.push(c));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(opts.input ?? '');
  const result = new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`altinn-explorer ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
  return { child, result };
}

export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return startCli(args, opts).result;
}

/** A throw-away home for one suite: HOME, XDG_CONFIG_HOME and XDG_DATA_HOME all inside it. */
export class CliHome {
  private constructor(readonly root: string) {}

  static async create(): Promise<CliHome> {
    return new CliHome(await mkdtemp(path.join(tmpdir(), 'altinn-cli-test-')));
  }

  get configDir(): string {
    return path.join(this.root, 'config');
  }

  get configFile(): string {
    return path.join(this.configDir, 'altinn-explorer', 'config.json');
  }

  /** A clean environment: nothing inherited but PATH, so no keychain unless `extra` gives a D-Bus address. */
  env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      PATH: process.env.PATH,
      HOME: this.root,
      XDG_CONFIG_HOME: this.configDir,
      XDG_DATA_HOME: path.join(this.root, '.local', 'share'),
      XDG_CACHE_HOME: path.join(this.root, '.cache'),
      ...extra,
    };
  }

  /** Files under the home whose bytes contain `needle`. */
  async filesContaining(needle: string): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(p);
        else if (entry.isFile() && (await readFile(p)).includes(needle)) found.push(p);
      }
    };
    await walk(this.root);
    return found;
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export async function orgToken(emulatorUrl: string, scopes = OWNER_SCOPES): Promise<string> {
  const res = await fetch(`${emulatorUrl}/Home/GetTestOrgToken/ttd?orgNumber=${TTD_ORG_NUMBER}&scopes=${encodeURIComponent(scopes)}`);
  return (await res.text()).trim().replace(/^"|"$/g, '');
}

export async function userToken(emulatorUrl: string, userId = 1337): Promise<string> {
  const res = await fetch(`${emulatorUrl}/Home/GetTestUserToken/${userId}`);
  return (await res.text()).trim().replace(/^"|"$/g, '');
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** ANSI colour codes, which must never reach a pipe. */
// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;

/**
 * Runs the CLI with stdout and stderr on a pseudo-terminal (util-linux `script`), to see what a person
 * at a terminal sees. Both streams arrive together in `stdout`.
 */
export function runInTerminal(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, CLI, ...args].map(quote).join(' ');
  const env: Record<string, string> = { TERM: 'xterm-256color' };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v !== undefined) env[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`altinn-explorer ${args.join(' ')} (in a terminal) did not finish in time`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/**
 * The world most CLI suites start from: an emulator, a private CLI home with the environment `emu` added,
 * and an API client signed in as test user 1337 for arranging instances outside the CLI.
 */
export async function startCliWorld(options: EmulatorOptions): Promise<{ emulator: Emulator; home: CliHome; api: AltinnClient }> {
  const emulator = await startEmulator(options);
  const home = await CliHome.create();
  const environment = new Environment({ id: 'emu', name: 'Emulator', kind: 'emulator', url: emulator.url });
  const auth = new AuthApi(environment);
  const api = new AltinnClient({ environment, getToken: async () => auth.testUserToken(1337) });
  const add = await runCli(['env', 'add', 'emu', '--kind', 'emulator', '--url', emulator.url], { env: home.env() });
  assert.equal(add.code, 0, add.stderr);
  return { emulator, home, api };
}


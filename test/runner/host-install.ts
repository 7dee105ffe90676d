import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerDir, hostDir, serverMain } from './paths';

/**
 * code-server 4.100.3 installs @vscode/ripgrep 1.15.11, whose install step downloads ripgrep from GitHub
 * unless this cache already holds the archive. Debian's ripgrep stands in for it (the team's notes on running VS Code offline).
 */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const readyMarker = path.join(hostDir, 'node_modules', '.altinn-host-ready');
const lockDir = path.join(hostDir, '.install-lock');
const staleLockMs = 15 * 60_000;

function wantedVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(hostDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return manifest.dependencies['code-server'];
}

function installedVersion(): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(codeServerDir, 'package.json'), 'utf8')) as { version: string };
    return manifest.version;
  } catch {
    return undefined;
  }
}

export function isHostInstalled(): boolean {
  return (
    fs.existsSync(readyMarker) &&
    fs.existsSync(serverMain) &&
    installedVersion() === wantedVersion() &&
    fs.readFileSync(readyMarker, 'utf8').trim() === wantedVersion()
  );
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`));
      }
    });
  });
}

async function seedRipgrepCache(): Promise<void> {
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = path.join(cacheDir, RIPGREP_ARCHIVE);
  if (fs.existsSync(archive)) {
    return;
  }
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((p) => fs.existsSync(p));
  if (!rg) {
    throw new Error('ripgrep not found: install the Debian package "ripgrep" (apt-get install ripgrep)');
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'altinn-rg-'));
  try {
    fs.copyFileSync(rg, path.join(staging, 'rg'));
    fs.chmodSync(path.join(staging, 'rg'), 0o755);
    await run('tar', ['-czf', `${archive}.tmp`, '-C', staging, 'rg'], {});
    fs.renameSync(`${archive}.tmp`, archive);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Serialises concurrent first uses (several engineers or runs on one machine). */
async function withInstallLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw err;
      }
      const age = Date.now() - fs.statSync(lockDir).mtimeMs;
      if (age > staleLockMs) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * Installs test/host (code-server, ~300 MB) on first use and does nothing when it is already there.
 * It lives in its own package so that `npm ci` for the extension stays small.
 */
export async function ensureHostInstalled(log: (line: string) => void = console.log): Promise<void> {
  if (isHostInstalled()) {
    return;
  }
  await withInstallLock(async () => {
    if (isHostInstalled()) {
      return;
    }
    const started = Date.now();
    log(`Installing the offline VS Code host (code-server ${wantedVersion()}) into test/host, once…`);
    await seedRipgrepCache();
    const useCi = fs.existsSync(path.join(hostDir, 'package-lock.json'));
    await run('npm', [useCi ? 'ci' : 'install', '--no-audit', '--no-fund'], {
      cwd: hostDir,
      env: {
        ...process.env,
        // Installing as root: npm would otherwise drop privileges for install scripts.
        npm_config_unsafe_perm: 'true',
        // code-server's postinstall runs a nested `npx node-gyp`, which refuses without this.
        npm_config_yes: 'true',
      },
    });
    if (!fs.existsSync(serverMain)) {
      throw new Error(`code-server installed but ${serverMain} is missing`);
    }
    fs.writeFileSync(readyMarker, `${wantedVersion()}\n`);
    log(`VS Code host installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  });
}

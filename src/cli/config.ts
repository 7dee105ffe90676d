// The CLI's configuration file: environments and the default one, in
// $XDG_CONFIG_HOME/altinn-explorer/config.json (~/.config when unset). Never secrets: tokens and
// keys live in the OS keychain (secrets.ts).
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Environment, type EnvironmentConfig, type EnvironmentKind } from '../api';
import { CliError } from './errors';

export interface CliConfig {
  version: 1;
  defaultEnvironment?: string;
  environments: EnvironmentConfig[];
}

const KINDS: readonly EnvironmentKind[] = ['production', 'tt02', 'localtest', 'emulator', 'custom'];
export const ENV_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function configDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(env.HOME || homedir(), '.config');
  return path.join(base, 'altinn-explorer');
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return path.join(configDir(env), 'config.json');
}

function isEnvironmentConfig(value: unknown): value is EnvironmentConfig {
  const v = value as Partial<EnvironmentConfig> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    ENV_ID_PATTERN.test(v.id) &&
    typeof v.name === 'string' &&
    KINDS.includes(v.kind as EnvironmentKind) &&
    (v.url === undefined || typeof v.url === 'string') &&
    (v.platformUrl === undefined || typeof v.platformUrl === 'string') &&
    (v.maskinportenUrl === undefined || typeof v.maskinportenUrl === 'string')
  );
}

export async function loadConfig(env: NodeJS.ProcessEnv): Promise<CliConfig> {
  const file = configPath(env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, environments: [] };
    throw new CliError(`Could not read ${file}: ${(error as Error).message}`);
  }
  let parsed: Partial<CliConfig>;
  try {
    parsed = JSON.parse(text) as Partial<CliConfig>;
  } catch {
    throw new CliError(`${file} is not valid JSON.`, 'Fix or delete the file, then add environments again with "env add".');
  }
  if (!parsed || parsed.version !== 1 || !Array.isArray(parsed.environments) || !parsed.environments.every(isEnvironmentConfig)) {
    throw new CliError(`${file} is not an altinn-explorer configuration (version 1).`);
  }
  return {
    version: 1,
    defaultEnvironment: typeof parsed.defaultEnvironment === 'string' ? parsed.defaultEnvironment : undefined,
    environments: parsed.environments.map(pickEnvironmentFields),
  };
}

/** Only known fields are kept, so nothing unexpected (a pasted token, say) is ever written back. */
function pickEnvironmentFields(e: EnvironmentConfig): EnvironmentConfig {
  const out: EnvironmentConfig = { id: e.id, name: e.name, kind: e.kind };
  if (e.url !== undefined) out.url = e.url;
  if (e.platformUrl !== undefined) out.platformUrl = e.platformUrl;
  if (e.maskinportenUrl !== undefined) out.maskinportenUrl = e.maskinportenUrl;
  return out;
}

/** Written to a temporary file and renamed, so a crash never leaves half a config. */
export async function saveConfig(env: NodeJS.ProcessEnv, config: CliConfig): Promise<void> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = configPath(env);
  const temp = `${file}.${process.pid}.tmp`;
  const body: CliConfig = { version: 1, defaultEnvironment: config.defaultEnvironment, environments: config.environments.map(pickEnvironmentFields) };
  await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

/** `--env`, then ALTINN_ENV, then the default, then the only one configured. */
export function selectEnvironment(config: CliConfig, requested: string | undefined, env: NodeJS.ProcessEnv): EnvironmentConfig {
  const id = requested ?? (env.ALTINN_ENV || undefined) ?? config.defaultEnvironment;
  if (id !== undefined) {
    const found = config.environments.find((e) => e.id === id);
    if (!found) {
      const known = config.environments.map((e) => e.id).join(', ') || 'none';
      throw new CliError(`No environment "${id}" is configured (configured: ${known}).`, 'Add it with "altinn-explorer env add".');
    }
    return found;
  }
  if (config.environments.length === 1) return config.environments[0];
  if (config.environments.length === 0) {
    throw new CliError('No environment is configured.', 'Add one, e.g. "altinn-explorer env add tt02 --kind tt02".');
  }
  throw new CliError('Several environments are configured and none is the default.', 'Pass --env ID, set ALTINN_ENV, or run "env add ID … --default".');
}

/** The checked Environment of src/api (throws AltinnInputError for bad URLs). */
export function toEnvironment(cfg: EnvironmentConfig): Environment {
  return new Environment(cfg);
}

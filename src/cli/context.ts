// What every command receives: output, the process environment, stdin, a cancellation signal, and
// lazily the selected environment with its client and tokens.
import { AltinnClient, AuthApi, DEFAULT_USER_AGENT, type Environment, type RequestLog } from '../api';
import type { SessionLog } from '../session';
import { type CliConfig, loadConfig, selectEnvironment, toEnvironment } from './config';
import type { Output } from './output';
import { keychain, type SecretStore } from './secrets';
import { SessionTokens } from './session';

export interface CommandContext {
  readonly out: Output;
  readonly processEnv: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  /** Aborted on Ctrl+C (SIGINT) or SIGTERM. */
  readonly signal: AbortSignal;
  readonly secrets: SecretStore;
  config(): Promise<CliConfig>;
  /** The environment chosen by --env / ALTINN_ENV / the default. */
  environment(): Promise<Environment>;
  auth(): Promise<AuthApi>;
  tokens(): Promise<SessionTokens>;
  client(): Promise<AltinnClient>;
}

export interface ContextOptions {
  out: Output;
  processEnv: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  signal: AbortSignal;
  envOption?: string;
  verbose?: boolean;
  secrets?: SecretStore;
}

const USER_AGENT = `${DEFAULT_USER_AGENT} (cli)`;

export function createContext(opts: ContextOptions): CommandContext {
  let config: Promise<CliConfig> | undefined;
  let environment: Promise<Environment> | undefined;
  let tokens: Promise<SessionTokens> | undefined;
  let client: Promise<AltinnClient> | undefined;
  const onRequest = opts.verbose
    ? (log: RequestLog): void =>
        opts.out.note(opts.out.paintErr('dim', `${log.method} ${log.url} → ${log.status ?? log.error ?? '?'} (${log.durationMs} ms)${log.attempt ? ` retry ${log.attempt}` : ''}`))
    : undefined;
  // Renewal's notes: why a renewal failed goes to stderr (the command may still succeed on the old token).
  const sessionLog: SessionLog = {
    info: (m) => {
      if (opts.verbose) opts.out.note(opts.out.paintErr('dim', m));
    },
    warn: (m) => opts.out.warn(m),
  };
  const ctx: CommandContext = {
    out: opts.out,
    processEnv: opts.processEnv,
    stdin: opts.stdin,
    signal: opts.signal,
    secrets: opts.secrets ?? keychain,
    config: () => (config ??= loadConfig(opts.processEnv)),
    environment: () => (environment ??= ctx.config().then((c) => toEnvironment(selectEnvironment(c, opts.envOption, opts.processEnv)))),
    auth: async () => new AuthApi(await ctx.environment(), { userAgent: USER_AGENT, onRequest }),
    tokens: () =>
      (tokens ??= (async () => new SessionTokens(await ctx.environment(), await ctx.auth(), ctx.secrets, opts.processEnv, Date.now, sessionLog))()),
    client: () =>
      (client ??= (async () => {
        const t = await ctx.tokens();
        return new AltinnClient({ environment: await ctx.environment(), getToken: t.getToken, userAgent: USER_AGENT, onRequest });
      })()),
  };
  return ctx;
}

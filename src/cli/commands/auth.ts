// `login`, `logout`, `whoami`: the extension's sign-in methods (pasted token, Maskinporten, ID-porten
// exchange, test identities), with the session kept in the OS keychain only.
import { readFile } from 'node:fs/promises';
import { parseOrg, parsePartyId } from '../../api';
import { type CommandSpec, flag, type ParsedArgs, stringOption } from '../args';
import type { CommandContext } from '../context';
import { CliError, UsageError } from '../errors';
import { readSecret } from '../prompt';
import { describeIdentity, identityOf, TOKEN_ENV_VAR } from '../session';
import { acquireToken, type Credentials, newStoredSession, SessionStore } from '../../session';

const METHOD_FLAGS = ['token', 'idporten', 'maskinporten', 'test-user', 'test-org'] as const;

function chosenMethod(args: ParsedArgs): (typeof METHOD_FLAGS)[number] {
  const given = METHOD_FLAGS.filter((m) => args.options[m] !== undefined && args.options[m] !== false);
  if (given.length === 0) throw new UsageError('Choose how to sign in: --token, --idporten, --maskinporten, --test-user or --test-org.', 'login');
  if (given.length > 1) throw new UsageError(`Choose one way to sign in, not ${given.map((g) => `--${g}`).join(' and ')}.`, 'login');
  return given[0];
}

function needOption(args: ParsedArgs, name: string, method: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value.trim() === '') throw new UsageError(`--${method} needs --${name}.`, 'login');
  return value.trim();
}

async function obtain(ctx: CommandContext, args: ParsedArgs): Promise<{ token: string; credentials: Credentials }> {
  const auth = await ctx.auth();
  const acquire = (credentials: Credentials) => acquireToken({ environment: auth.environment, endpoints: auth, signal: ctx.signal }, credentials);
  const method = chosenMethod(args);
  const stderr = ctx.out.streams.stderr;
  switch (method) {
    case 'token': {
      const token = await readSecret(ctx.stdin, stderr, 'Paste the Altinn token:');
      identityOf(token); // refuses what is not a JWT before it is stored
      return { token, credentials: { method: 'token' } };
    }
    case 'idporten': {
      const external = await readSecret(ctx.stdin, stderr, 'Paste the ID-porten token to exchange:');
      return { token: await auth.exchange('id-porten', external, { signal: ctx.signal }), credentials: { method: 'idporten' } };
    }
    case 'maskinporten': {
      const keyFile = needOption(args, 'key-file', 'maskinporten');
      let privateKey: string;
      try {
        privateKey = await readFile(keyFile, 'utf8');
      } catch (error) {
        throw new CliError(`Could not read the key file ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
      }
      const credentials: Credentials = {
        method: 'maskinporten',
        clientId: needOption(args, 'client-id', 'maskinporten'),
        keyId: stringOption(args, 'key-id'),
        scopes: needOption(args, 'scopes', 'maskinporten'),
        privateKey,
      };
      return { token: await acquire(credentials), credentials };
    }
    case 'test-user': {
      const userId = parseUsage(() => parsePartyId(stringOption(args, 'test-user') ?? ''), '--test-user needs a user id, like 1337.');
      const credentials: Credentials = { method: 'testUser', userId };
      return { token: await acquire(credentials), credentials };
    }
    case 'test-org': {
      const org = parseUsage(() => parseOrg(stringOption(args, 'test-org') ?? ''), '--test-org needs an organisation code, like ttd.');
      // Left out, localtest (and the emulator) look the number up for a service owner.
      const orgNumber = stringOption(args, 'org-number')?.trim() || undefined;
      if (orgNumber !== undefined && !/^\d{9}$/.test(orgNumber)) throw new UsageError('--org-number must be 9 digits.', 'login');
      const credentials: Credentials = { method: 'testOrg', org, orgNumber, scopes: stringOption(args, 'scopes') };
      return { token: await acquire(credentials), credentials };
    }
  }
}

function parseUsage<T>(parse: () => T, message: string): T {
  try {
    return parse();
  } catch {
    throw new UsageError(message, 'login');
  }
}

export const login: CommandSpec = {
  name: 'login',
  summary: 'Sign in to an environment; the session is kept in the OS keychain',
  options: {
    token: { type: 'boolean', description: 'An Altinn token, read from standard input (or typed without echo)' },
    idporten: { type: 'boolean', description: 'An ID-porten token from standard input, exchanged for an Altinn token' },
    maskinporten: { type: 'boolean', description: 'Maskinporten JWT grant (needs --client-id, --scopes, --key-file)' },
    'client-id': { type: 'string', value: 'ID', description: 'Maskinporten client id' },
    'key-id': { type: 'string', value: 'KID', description: 'Maskinporten key id (kid), if the key needs one' },
    'key-file': { type: 'string', value: 'FILE', description: 'Private key, PEM or JWK (copied into the keychain, for renewal)' },
    scopes: { type: 'string', value: 'SCOPES', description: 'Space-separated scopes (Maskinporten, --test-org)' },
    'test-user': { type: 'string', value: 'USER_ID', description: 'Test user token (localtest, emulator), e.g. 1337' },
    'test-org': { type: 'string', value: 'ORG', description: 'Test organisation token (localtest, emulator), e.g. ttd' },
    'org-number': { type: 'string', value: 'NUMBER', description: 'Organisation number for --test-org (default: looked up for a service owner)' },
    'print-token': { type: 'boolean', description: `Print the token to stdout instead of storing it (for ${TOKEN_ENV_VAR})` },
  },
  details: [
    'Examples:',
    '  altinn-explorer login --test-org ttd --scopes "altinn:serviceowner/instances.read"',
    '  altinn-explorer login --maskinporten --client-id ID --key-file key.pem --scopes "altinn:serviceowner/instances.read"',
    '  pbpaste | altinn-explorer login --token',
    `Without a keychain: export ${TOKEN_ENV_VAR}=$(altinn-explorer login --test-user 1337 --print-token)`,
  ].join('\n'),
  async run(ctx, args) {
    chosenMethod(args);
    const environment = await ctx.environment();
    const { token, credentials } = await obtain(ctx, args);
    const identity = identityOf(token);
    if (flag(args, 'print-token')) {
      ctx.out.line(token);
      return;
    }
    await new SessionStore(ctx.secrets).write(environment.id, newStoredSession(environment, token, credentials, Date.now()));
    if (ctx.out.json) {
      ctx.out.data({ environment: environment.id, method: credentials.method, identity, storedIn: 'keychain' });
      return;
    }
    ctx.out.line(`Signed in to ${environment.id} as ${describeIdentity(identity)}${identity.expiresAt ? `, token valid until ${identity.expiresAt}` : ''}.`);
    if (ctx.processEnv[TOKEN_ENV_VAR]) ctx.out.warn(`${TOKEN_ENV_VAR} is set and takes precedence over the stored session.`);
  },
};

export const logout: CommandSpec = {
  name: 'logout',
  summary: 'Forget the stored session of an environment',
  async run(ctx) {
    const environment = await ctx.environment();
    const removed = await ctx.secrets.delete(environment.id);
    if (ctx.out.json) ctx.out.data({ environment: environment.id, signedOut: removed });
    else ctx.out.line(removed ? `Signed out of ${environment.id}.` : `Was not signed in to ${environment.id}.`);
  },
};

export const whoami: CommandSpec = {
  name: 'whoami',
  summary: 'Show who you are signed in as, and where the token comes from',
  async run(ctx) {
    const environment = await ctx.environment();
    const current = await (await ctx.tokens()).current();
    const identity = identityOf(current.token);
    const expired = identity.expiresAt !== undefined && Date.parse(identity.expiresAt) <= Date.now();
    if (ctx.out.json) {
      ctx.out.data({ environment: environment.id, source: current.source, method: current.method, identity, expired });
      return;
    }
    ctx.out.line(`${environment.id}: ${describeIdentity(identity)}`);
    ctx.out.line(`  token from: ${current.source === 'env' ? TOKEN_ENV_VAR : `OS keychain (${current.method})`}`);
    if (identity.scopes.length) ctx.out.line(`  scopes:     ${identity.scopes.join(' ')}`);
    if (identity.expiresAt) ctx.out.line(`  expires:    ${identity.expiresAt}${expired ? ` ${ctx.out.paint('red', '(expired)')}` : ''}`);
  },
};

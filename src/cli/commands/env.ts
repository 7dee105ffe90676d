// `env list|add|remove`: the environments in config.json (no secrets there).
import { AltinnInputError, type EnvironmentConfig, type EnvironmentKind } from '../../api';
import { type CommandSpec, flag, required, stringOption } from '../args';
import { ENV_ID_PATTERN, saveConfig, toEnvironment } from '../config';
import { UsageError } from '../errors';
import { KeychainUnavailableError } from '../secrets';

const KINDS: readonly EnvironmentKind[] = ['production', 'tt02', 'localtest', 'emulator', 'custom'];

export const envList: CommandSpec = {
  name: 'env list',
  summary: 'List the configured environments',
  async run(ctx) {
    const config = await ctx.config();
    if (ctx.out.json) {
      ctx.out.data(config.environments.map((e) => ({ ...e, default: e.id === config.defaultEnvironment })));
      return;
    }
    if (config.environments.length === 0) {
      ctx.out.note('No environments yet. Add one with "altinn-explorer env add ID --kind KIND [--url URL]".');
      return;
    }
    ctx.out.table(
      ['ID', 'NAME', 'KIND', 'URL'],
      config.environments.map((e) => [
        e.id === config.defaultEnvironment ? `${e.id} ${ctx.out.paint('green', '(default)')}` : e.id,
        e.name,
        e.kind,
        e.url ?? e.platformUrl ?? '',
      ]),
    );
  },
};

export const envAdd: CommandSpec = {
  name: 'env add',
  summary: 'Add an environment (or replace one with the same id)',
  positionals: [{ name: 'ID', description: 'Short id: letters, digits, "-" or "_", e.g. tt02' }],
  options: {
    kind: { type: 'string', value: 'KIND', description: `One of ${KINDS.join(', ')}` },
    name: { type: 'string', value: 'NAME', description: 'Display name (default: the id)' },
    url: { type: 'string', value: 'URL', description: 'Base URL (emulator, localtest) or apps URL (custom, may hold {org})' },
    'platform-url': { type: 'string', value: 'URL', description: 'Platform base URL, when not derived from the kind or URL' },
    'maskinporten-url': { type: 'string', value: 'URL', description: 'Maskinporten token endpoint, when not the default for the kind' },
    default: { type: 'boolean', description: 'Make it the default environment' },
  },
  details: 'Examples:\n  altinn-explorer env add tt02 --kind tt02 --default\n  altinn-explorer env add local --kind emulator --url http://127.0.0.1:5101',
  async run(ctx, args) {
    const id = required(args, 'ID');
    if (!ENV_ID_PATTERN.test(id)) throw new UsageError(`Invalid environment id ${JSON.stringify(id)}: use letters, digits, "-" or "_".`, 'env add');
    const kind = stringOption(args, 'kind');
    if (kind === undefined) throw new UsageError('--kind is required.', 'env add');
    if (!KINDS.includes(kind as EnvironmentKind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}, not ${JSON.stringify(kind)}.`, 'env add');
    const cfg: EnvironmentConfig = { id, name: stringOption(args, 'name') ?? id, kind: kind as EnvironmentKind };
    const url = stringOption(args, 'url');
    const platformUrl = stringOption(args, 'platform-url');
    const maskinportenUrl = stringOption(args, 'maskinporten-url');
    if (url !== undefined) cfg.url = url;
    if (platformUrl !== undefined) cfg.platformUrl = platformUrl;
    if (maskinportenUrl !== undefined) cfg.maskinportenUrl = maskinportenUrl;
    try {
      toEnvironment(cfg);
    } catch (error) {
      if (error instanceof AltinnInputError) throw new UsageError(error.message, 'env add');
      throw error;
    }
    const config = await ctx.config();
    const replaced = config.environments.some((e) => e.id === id);
    config.environments = [...config.environments.filter((e) => e.id !== id), cfg];
    if (flag(args, 'default') || config.environments.length === 1) config.defaultEnvironment = id;
    await saveConfig(ctx.processEnv, config);
    if (ctx.out.json) ctx.out.data({ ...cfg, default: config.defaultEnvironment === id, replaced });
    else ctx.out.line(`${replaced ? 'Replaced' : 'Added'} environment ${id} (${cfg.kind})${config.defaultEnvironment === id ? ', the default' : ''}.`);
  },
};

export const envRemove: CommandSpec = {
  name: 'env remove',
  summary: 'Remove an environment and its stored sign-in',
  positionals: [{ name: 'ID', description: 'The environment id' }],
  async run(ctx, args) {
    const id = required(args, 'ID');
    const config = await ctx.config();
    if (!config.environments.some((e) => e.id === id)) throw new UsageError(`No environment "${id}" is configured.`, 'env remove');
    config.environments = config.environments.filter((e) => e.id !== id);
    if (config.defaultEnvironment === id) config.defaultEnvironment = config.environments.length === 1 ? config.environments[0].id : undefined;
    await saveConfig(ctx.processEnv, config);
    let signedOut = false;
    try {
      signedOut = await ctx.secrets.delete(id);
    } catch (error) {
      // No keychain means nothing was ever stored for it.
      if (!(error instanceof KeychainUnavailableError)) throw error;
    }
    if (ctx.out.json) ctx.out.data({ removed: id, signedOut });
    else ctx.out.line(`Removed environment ${id}${signedOut ? ' and its stored sign-in' : ''}.`);
  },
};

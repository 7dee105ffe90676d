// Command definitions and argument parsing on node:util's parseArgs, plus the help text each
// command prints for --help. Unknown options and missing arguments are usage errors (exit 2).
import { parseArgs } from 'node:util';
import { UsageError } from './errors';
import type { CommandContext } from './context';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in help as `--name VALUE`. */
  value?: string;
  description: string;
}

export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
}

export interface ParsedArgs {
  positionals: Record<string, string | undefined>;
  options: Record<string, string | boolean | string[] | undefined>;
}

export interface CommandSpec {
  /** e.g. `data get` */
  name: string;
  summary: string;
  positionals?: PositionalSpec[];
  options?: Record<string, OptionSpec>;
  /** Extra help paragraphs (examples, notes). */
  details?: string;
  run(ctx: CommandContext, args: ParsedArgs): Promise<number | void>;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  env: { type: 'string', short: 'e', value: 'ID', description: 'Environment to use (default: ALTINN_ENV, then the default environment)' },
  json: { type: 'boolean', description: 'Print the result as JSON, for scripts' },
  'no-color': { type: 'boolean', description: 'No colours (also when NO_COLOR is set or output is not a terminal)' },
  verbose: { type: 'boolean', short: 'v', description: 'Log every HTTP request (method, URL, status; never tokens) to stderr' },
  help: { type: 'boolean', short: 'h', description: 'Show help for this command' },
};

export const PROGRAM = 'altinn-explorer';

/** Parses one command's arguments (the words after its name). */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedArgs {
  const options = { ...GLOBAL_OPTIONS, ...spec.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(cleanParseError((error as Error).message), spec.name);
  }
  const values = parsed.values as ParsedArgs['options'];
  if (values.help) return { positionals: {}, options: values };
  const specs = spec.positionals ?? [];
  if (parsed.positionals.length > specs.length) {
    throw new UsageError(`Unexpected argument ${JSON.stringify(parsed.positionals[specs.length])}.`, spec.name);
  }
  const positionals: Record<string, string | undefined> = {};
  specs.forEach((p, i) => {
    const value = parsed.positionals[i];
    if (value === undefined && !p.optional) throw new UsageError(`Missing ${p.name}.`, spec.name);
    positionals[p.name] = value;
  });
  return { positionals, options: values };
}

function cleanParseError(message: string): string {
  // parseArgs says "Unknown option '--x'. To specify a positional argument starting with a '-', place it at the end…"
  return message.replace(/\. To specify a positional argument.*$/s, '.').trim();
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.options[name] === true;
}

export function required(args: ParsedArgs, name: string): string {
  const value = args.positionals[name];
  if (value === undefined) throw new UsageError(`Missing ${name}.`);
  return value;
}

/** A whole number within bounds, from an option. */
export function intOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`);
  }
  return Number(text);
}

function optionLabel(name: string, o: OptionSpec): string {
  const short = o.short ? `-${o.short}, ` : '    ';
  return `${short}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.entries(options);
  const width = Math.max(...entries.map(([n, o]) => optionLabel(n, o).length));
  return entries.map(([n, o]) => `  ${optionLabel(n, o).padEnd(width)}  ${o.description}`);
}

export function usageLine(spec: CommandSpec): string {
  const positionals = (spec.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  return [PROGRAM, spec.name, ...positionals, '[options]'].join(' ');
}

export function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: ${usageLine(spec)}`, '', spec.summary];
  if (spec.positionals?.length) {
    const width = Math.max(...spec.positionals.map((p) => p.name.length));
    lines.push('', 'Arguments:', ...spec.positionals.map((p) => `  ${p.name.padEnd(width)}  ${p.description}`));
  }
  if (spec.options && Object.keys(spec.options).length > 0) lines.push('', 'Options:', ...optionLines(spec.options));
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS));
  if (spec.details) lines.push('', spec.details.trim());
  return `${lines.join('\n')}\n`;
}

export function programHelp(commands: CommandSpec[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${PROGRAM} ${version}: Altinn 3 apps, instances and data from a terminal.`,
    '',
    `Usage: ${PROGRAM} COMMAND [arguments] [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run "${PROGRAM} COMMAND --help" for a command's arguments and options.`,
    'Exit codes: 0 success, 1 error, 2 wrong usage, 130 interrupted.',
    'Environment variables: ALTINN_ENV (environment id), ALTINN_TOKEN (an Altinn token, used instead of the',
    'OS keychain), XDG_CONFIG_HOME (where config.json lives), NO_COLOR.',
    '',
  ].join('\n');
}

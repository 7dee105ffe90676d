// Entry of the `altinn-explorer` command: finds the command, parses its arguments, runs it, and
// turns the outcome into an exit code (0 ok, 1 error, 2 usage, 130 interrupted) with errors on stderr.
import { version } from '../../package.json';
import { AltinnApiError, AltinnInputError, isCancellation } from '../api';
import { type CommandSpec, commandHelp, parseCommandArgs, PROGRAM, programHelp } from './args';
import { COMMANDS } from './commands';
import { createContext } from './context';
import { CliError, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { Output, type OutputStreams } from './output';

/** The command named by the first one or two words, and the remaining words. */
function findCommand(argv: string[]): { spec?: CommandSpec; rest: string[]; group?: string } {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { spec: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  if (byOne) return { spec: byOne, rest: argv.slice(1) };
  const isGroup = COMMANDS.some((c) => c.name.startsWith(`${argv[0]} `));
  return { rest: argv.slice(1), group: isGroup ? argv[0] : undefined };
}

function groupHelp(group: string): string {
  const members = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  const width = Math.max(...members.map((c) => c.name.length));
  return [`Usage: ${PROGRAM} ${group} SUBCOMMAND [arguments] [options]`, '', 'Subcommands:', ...members.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`), ''].join('\n');
}

function reportError(out: Output, error: unknown): number {
  if (error instanceof UsageError) {
    out.error(error.message);
    out.note(`Run "${PROGRAM} ${error.command ? `${error.command} ` : ''}--help" for usage.`);
    return EXIT_USAGE;
  }
  if (isCancellation(error)) {
    out.note('Cancelled.');
    return EXIT_INTERRUPTED;
  }
  if (error instanceof CliError) {
    out.error(error.message);
    if (error.hint) out.note(error.hint);
    return EXIT_ERROR;
  }
  if (error instanceof AltinnApiError) {
    out.error(`${error.message} [${error.method} ${error.url}]`);
    for (const issue of error.validationIssues ?? []) {
      out.note(`  - ${issue.field ? `${issue.field}: ` : ''}${issue.description ?? issue.code ?? 'validation issue'}`);
    }
    if (error.status === 401) out.note('Sign in again with "altinn-explorer login", or check ALTINN_TOKEN.');
    return EXIT_ERROR;
  }
  if (error instanceof AltinnInputError) {
    out.error(error.message);
    return EXIT_ERROR;
  }
  out.error(`unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT_ERROR;
}

export async function main(argv: string[], streams: OutputStreams, stdin: NodeJS.ReadStream, signal: AbortSignal): Promise<number> {
  const plain = new Output(streams, { noColor: argv.includes('--no-color') });
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    const target = argv[0] === 'help' && argv.length > 1 ? findCommand(argv.slice(1)) : undefined;
    if (target?.spec) streams.stdout.write(commandHelp(target.spec));
    else if (target?.group) streams.stdout.write(groupHelp(target.group));
    else streams.stdout.write(programHelp(COMMANDS, version));
    return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    streams.stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  const { spec, rest, group } = findCommand(argv);
  if (!spec) {
    if (group && (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h')) {
      streams.stdout.write(groupHelp(group));
      return rest.length === 0 ? EXIT_USAGE : EXIT_OK;
    }
    const what = group ? `Unknown ${group} subcommand ${JSON.stringify(rest[0])}.` : `Unknown command ${JSON.stringify(argv[0])}.`;
    return reportError(plain, new UsageError(what, group));
  }
  try {
    const args = parseCommandArgs(spec, rest);
    if (args.options.help) {
      streams.stdout.write(commandHelp(spec));
      return EXIT_OK;
    }
    const out = new Output(streams, { json: args.options.json === true, noColor: args.options['no-color'] === true });
    const ctx = createContext({
      out,
      processEnv: streams.env,
      stdin,
      signal,
      envOption: typeof args.options.env === 'string' ? args.options.env : undefined,
      verbose: args.options.verbose === true,
    });
    const code = await spec.run(ctx, args);
    return typeof code === 'number' ? code : EXIT_OK;
  } catch (error) {
    if (signal.aborted && !(error instanceof UsageError)) {
      plain.note('Interrupted.');
      return EXIT_INTERRUPTED;
    }
    return reportError(plain, error);
  }
}

/** Ctrl+C (or SIGTERM) asks the running command to stop cleanly; a second one ends the process. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

function exitWhenFlushed(code: number): void {
  // Exit explicitly, so keep-alive sockets and the keychain's D-Bus connection cannot hold the process
  // open, but only after stdout and stderr have handed over everything written (pipes may be async).
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (require.main === module) {
  // A closed pipe (`… | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT_OK);
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, process.stdin, interruptSignal()).then(
    exitWhenFlushed,
    (error: unknown) => {
      process.stderr.write(`error: ${String(error)}\n`);
      exitWhenFlushed(EXIT_ERROR);
    },
  );
}

// The CLI's two kinds of failure besides Altinn's own: a wrong invocation (exit 2) and an
// expected failure with a message for the user (exit 1). Anything else is a bug and shows its stack.

/** Wrong invocation: unknown command or option, missing or malformed argument. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** The command whose help the user should read, e.g. `data get`. */
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

/** A failure the user can act on (not signed in, no keychain, file missing). Exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(message: string, readonly hint?: string) {
    super(message);
  }
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells report for a command stopped with Ctrl+C. */
export const EXIT_INTERRUPTED = 130;

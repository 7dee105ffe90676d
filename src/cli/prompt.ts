// Reading a secret: from a pipe (`… | altinn-explorer login --token`) or typed at a terminal
// without echo. Secrets are never taken from arguments, which other users can see in `ps`.
import { CliError } from './errors';

const MAX_SECRET_BYTES = 64 * 1024;

export async function readSecret(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string> {
  const text = stdin.isTTY ? await readHidden(stdin, stderr, prompt) : await readAll(stdin);
  const value = text.trim();
  if (value === '') throw new CliError('Nothing was read from standard input.', 'Pipe the token in, e.g. "cat token.txt | altinn-explorer login --token".');
  return value;
}

async function readAll(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_SECRET_BYTES) throw new CliError('Standard input is too large for a token.');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readHidden(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(`${prompt} `);
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

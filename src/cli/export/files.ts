// Writing export files: to `<file>.part` first, hashed on the way, renamed only when complete.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError } from '../errors';

export interface WrittenFile {
  size: number;
  sha256: string;
}

/** The body ended before Content-Length said it would. */
export class TruncatedError extends Error {
  override readonly name = 'TruncatedError';
}

/** Streams `source` to `target` via `target.part`; `expectedSize` is the Content-Length, when sent. */
export async function writeStreamed(source: Readable, target: string, expectedSize: number | undefined, signal: AbortSignal): Promise<WrittenFile> {
  // The body may fail again after the pipeline gave up on it (an abort races a reset): not a crash.
  source.on('error', () => undefined);
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.part`;
  // A stale .part (even a planted symlink) goes first; 'wx' then creates a fresh file and follows no link.
  await rm(partial, { force: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, tap, createWriteStream(partial, { flags: 'wx' }), { signal });
    if (expectedSize !== undefined && size !== expectedSize) throw new TruncatedError(`received ${size} of ${expectedSize} bytes`);
    await rename(partial, target);
  } catch (error) {
    source.destroy();
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}

export async function writeWhole(target: string, body: Buffer): Promise<WrittenFile> {
  await mkdir(path.dirname(target), { recursive: true });
  const partial = `${target}.part`;
  await rm(partial, { force: true });
  await writeFile(partial, body, { flag: 'wx' });
  await rename(partial, target);
  return { size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
}

export async function hashFile(file: string): Promise<WrittenFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Removes `*.part` files a killed run left behind. */
export async function sweepPartFiles(dir: string): Promise<number> {
  let removed = 0;
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.name.endsWith('.part')) {
        await rm(p, { force: true });
        removed++;
      }
    }
  };
  await walk(dir);
  return removed;
}

const LOCK_NAME = '.altinn-export.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One export per folder at a time; a lock left by a killed run is taken over. */
export async function lockFolder(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new CliError(`Another export (process ${pid}) is writing to ${dir}.`, 'Wait for it to finish, or stop it first.');
      }
      await rm(file, { force: true });
    }
  }
  throw new CliError(`Could not lock ${dir} for the export.`);
}

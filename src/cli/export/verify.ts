// Re-reading every file in the manifest and comparing its size and SHA-256.
import * as path from 'node:path';
import { hashFile } from './files';
import type { ManifestEntry } from './manifest';

export interface VerifyProblem {
  path: string;
  reason: string;
}

export interface VerifyResult {
  checked: number;
  problems: VerifyProblem[];
}

export async function verifyFiles(
  dir: string,
  entries: ManifestEntry[],
  concurrency: number,
  opts: { signal?: AbortSignal; onChecked?: (n: number) => void } = {},
): Promise<VerifyResult> {
  const problems: VerifyProblem[] = [];
  let next = 0;
  let checked = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length && !opts.signal?.aborted) {
      const entry = entries[next++];
      try {
        const actual = await hashFile(path.join(dir, entry.path));
        if (actual.size !== entry.size) problems.push({ path: entry.path, reason: `size ${actual.size}, expected ${entry.size}` });
        else if (actual.sha256 !== entry.sha256) problems.push({ path: entry.path, reason: 'SHA-256 differs from the manifest' });
      } catch (error) {
        problems.push({ path: entry.path, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message });
      }
      opts.onChecked?.(++checked);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  problems.sort((a, b) => a.path.localeCompare(b.path));
  return { checked, problems };
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onExitCleanup } from './exit-cleanup';

const forgetters = new Map<string, () => void>();

function remove(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 });
}

/**
 * A private temp folder; the VS Code server leaves sockets and logs behind, so each run gets its own.
 * It is removed by removeTempDir, or when the process exits, whichever comes first.
 */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  forgetters.set(dir, onExitCleanup(() => remove(dir)));
  return dir;
}

export function removeTempDir(dir: string): void {
  forgetters.get(dir)?.();
  forgetters.delete(dir);
  remove(dir);
}

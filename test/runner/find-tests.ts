import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every `*.test.js` below the given folders, sorted so runs are repeatable. Missing folders are skipped. */
export function findTestFiles(dirs: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) {
      return;
    }
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(p);
      } else if (entry.name.endsWith('.test.js')) {
        found.push(p);
      }
    }
  };
  dirs.forEach(walk);
  return found.sort();
}

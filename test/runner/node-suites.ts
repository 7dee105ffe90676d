import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findTestFiles } from './find-tests';
import { notPlainNodeDirs, outDir } from './paths';
import { formatSuiteResult, runMocha } from './suite-result';

/**
 * Child-process entry: runs the plain-Node suites (out/test/* but suite, bench, runner) in one mocha, prints the
 * spec report and then the result marker, and exits (emulators or sockets left open must not keep it alive).
 * With folder names as arguments (e.g. `workbench`), runs those folders instead.
 */
async function main(): Promise<void> {
  const testRoot = path.join(outDir, 'test');
  const only = process.argv.slice(2);
  const dirs = only.length > 0 ? only : fs.existsSync(testRoot)
    ? fs
        .readdirSync(testRoot, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !notPlainNodeDirs.includes(e.name))
        .map((e) => e.name)
        .sort()
    : [];
  const files = findTestFiles(dirs.map((d) => path.join(testRoot, d)));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 20_000,
    color: process.stdout.isTTY,
    grep: process.env.ALTINN_TEST_GREP || undefined,
  });
  files.forEach((f) => mocha.addFile(f));
  console.log(`${only.length > 0 ? 'Suite' : 'Plain Node suites'} (Node ${process.versions.node}): ${files.length} test files in test/{${dirs.join(',')}}`);
  const result = await runMocha(mocha);
  console.log(formatSuiteResult(result));
  process.exit(result.failed > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});

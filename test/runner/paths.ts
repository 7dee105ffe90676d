import * as path from 'node:path';

/**
 * Every runner entry is bundled to out/test/runner/<name>.js, so the repository root is three levels up
 * from the running file. Resolved from __dirname so the scripts work from any current directory.
 */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export const hostDir = path.join(repoRoot, 'test', 'host');
export const codeServerDir = path.join(hostDir, 'node_modules', 'code-server');
export const serverMain = path.join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');
export const vscodeProductJson = path.join(codeServerDir, 'lib', 'vscode', 'product.json');

export const outDir = path.join(repoRoot, 'out');
/** test/workbench: mocha files that drive the `npm start` host through Playwright as a user would. */
export const WORKBENCH_SUITE_DIR = 'workbench';
export const suiteIndex = path.join(outDir, 'test', 'suite', 'index.js');
export const nodeSuitesEntry = path.join(outDir, 'test', 'runner', 'node-suites.js');

/**
 * Folders under test/ whose *.test.ts do not run in plain Node: the VS Code suite, the benchmarks (speed is
 * measured by `npm run bench`, not asserted), the launchers, and the workbench UI suite (plain mocha, but it
 * drives the VS Code host in Chromium, so it runs with the VS Code part). Every other folder (unit, api,
 * emulator, cli, …) is a plain Node suite, so a new test folder is picked up without touching the runner.
 */
export const notPlainNodeDirs = ['suite', 'bench', 'runner', 'host', WORKBENCH_SUITE_DIR];

export const chromiumPath = process.env.ALTINN_CHROMIUM ?? '/usr/bin/chromium';

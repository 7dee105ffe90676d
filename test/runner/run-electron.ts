import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, suiteIndex } from './paths';
import { makeTempDir, removeTempDir } from './temp-dir';
import { quietWorkbenchSettings } from './workbench-settings';

/**
 * `npm run test:electron`: the same suite index in a desktop VS Code from @vscode/test-electron, for machines
 * that can download VS Code (this one cannot; `npm test` uses the offline code-server host instead).
 * ALTINN_VSCODE_VERSION picks the VS Code release (default 1.100.3, the engine the extension targets).
 */
async function main(): Promise<void> {
  const tempRoot = makeTempDir('altinn-electron-suite');
  const userDataDir = path.join(tempRoot, 'user-data');
  const workspace = path.join(tempRoot, 'workspace');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(quietWorkbenchSettings, undefined, 2));
  const grepAt = process.argv.indexOf('--grep');
  try {
    const code = await runTests({
      version: process.env.ALTINN_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv: grepAt >= 0 ? { ALTINN_TEST_GREP: process.argv[grepAt + 1] } : undefined,
      launchArgs: [
        workspace,
        '--user-data-dir', userDataDir,
        '--extensions-dir', path.join(tempRoot, 'extensions'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
    process.exitCode = code;
  } catch (err) {
    console.error(`test-electron failed: ${(err as Error).message}`);
    console.error('(@vscode/test-electron downloads VS Code; where that is impossible, `npm test` runs the same suite offline.)');
    process.exitCode = 1;
  } finally {
    removeTempDir(tempRoot);
  }
}

void main();

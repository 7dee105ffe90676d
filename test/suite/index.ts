import Mocha from 'mocha';
import { format } from 'node:util';
import * as vscode from 'vscode';
import { findTestFiles } from '../runner/find-tests';
import { formatSuiteResult, runMocha } from '../runner/suite-result';

/**
 * The VS Code suite's entry, in the @vscode/test-electron style: the extension host calls run() and the
 * run fails when the returned promise rejects. Both launchers (code-server + Chromium, and test-electron)
 * load this file as extensionTestsPath. It picks up every out/test/suite/**\/*.test.js beside it.
 */
export async function run(): Promise<void> {
  console.log(`VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} workbench, extension host on Node ${process.versions.node})`);
  // The web workbench forwards console arguments unformatted ("%s,✔ …"); give it finished lines.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // Generous: a test may start an emulator and wait for the tree to render on a loaded 2-core machine.
    timeout: 60_000,
    color: false,
    grep: process.env.ALTINN_TEST_GREP || undefined,
  });
  const files = findTestFiles([__dirname]);
  files.forEach((f) => mocha.addFile(f));
  const result = await runMocha(mocha);
  console.log(formatSuiteResult(result));
  if (result.failed > 0) {
    throw new Error(`${result.failed} VS Code test(s) failed`);
  }
}

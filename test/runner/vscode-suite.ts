import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureHostInstalled } from './host-install';
import { startVsCodeServer } from './host-server';
import { repoRoot, suiteIndex } from './paths';
import { parseSuiteResult, type SuiteResult } from './suite-result';
import { makeTempDir, removeTempDir } from './temp-dir';
import { launchHeadlessChromium, workbenchUrl, type HeadlessBrowser } from './workbench';

export interface VsCodeSuiteOutcome {
  /** undefined when the suite never reported (host failure, time-out). */
  result?: SuiteResult;
  vscodeVersion?: string;
  exitCode: number;
  error?: string;
}

export interface VsCodeSuiteOptions {
  timeoutMs: number;
  /** Passed to the extension host (ALTINN_TEST_GREP), which the suite index hands to mocha. */
  grep?: string;
  print?: (line: string) => void;
}

/** The first line the suite index prints; the workbench's own start-up chatter comes before it. */
const SUITE_START = /^VS Code (\d+\.\d+\.\d+) \(/;
/** Workbench chatter that can interleave with the suite's output. */
const noise = [/^\[Service Worker\]/, /ENOTFOUND/, /^\s+at .*\/static\/out\/vs\//];

/**
 * Runs out/test/suite/index.js inside the VS Code of code-server in headless Chromium. The workbench reports
 * the extension host's console through codeAutomationLog and the end of the run through codeAutomationExit.
 * Everything started here is stopped here, and the temp folder is removed, whatever the outcome.
 */
export async function runVsCodeSuite(options: VsCodeSuiteOptions): Promise<VsCodeSuiteOutcome> {
  const print = options.print ?? ((line: string) => console.log(line));
  if (!fs.existsSync(suiteIndex)) {
    return { exitCode: 1, error: `${path.relative(repoRoot, suiteIndex)} is missing: build with node esbuild.js --tests` };
  }
  try {
    await ensureHostInstalled(print);
  } catch (err) {
    return { exitCode: 1, error: `the VS Code host could not be installed: ${(err as Error).message}` };
  }
  const tempRoot = makeTempDir('altinn-vscode-suite');
  const workspace = path.join(tempRoot, 'workspace');
  fs.mkdirSync(workspace);
  const server = await startVsCodeServer({
    tempRoot,
    smokeTestDriver: true,
    env: options.grep ? { ALTINN_TEST_GREP: options.grep } : {},
  }).catch((err: Error) => err);
  if (server instanceof Error) {
    removeTempDir(tempRoot);
    return { exitCode: 1, error: `the VS Code host did not start: ${server.message}` };
  }
  const outcome: VsCodeSuiteOutcome = { exitCode: 1 };
  // Shown only when the suite never started: then the workbench's start-up log is the evidence.
  const startup: string[] = [];
  const onLog = (_level: string, message: unknown): void => {
    for (const line of String(message).split('\n')) {
      const result = parseSuiteResult(line);
      if (result) {
        outcome.result = result;
        continue;
      }
      const start = SUITE_START.exec(line);
      if (start && !outcome.vscodeVersion) {
        outcome.vscodeVersion = start[1];
      }
      if (!outcome.vscodeVersion) {
        startup.push(line);
      } else if (!noise.some((n) => n.test(line))) {
        print(line);
      }
    }
  };
  let browser: HeadlessBrowser | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    browser = await launchHeadlessChromium(path.join(tempRoot, 'chromium'));
    const page = browser.page;
    const ended = new Promise<number | string>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      page.on('crash', () => resolve('the workbench page crashed'));
      timer = setTimeout(
        () => resolve(`the VS Code suite did not finish within ${options.timeoutMs / 1000} s (a hang counts as a failure)`),
        options.timeoutMs,
      );
    });
    await page.exposeFunction('codeAutomationLog', onLog);
    await page.goto(
      workbenchUrl({
        origin: server.origin,
        port: server.port,
        folder: workspace,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: suiteIndex,
      }),
    );
    const end = await ended;
    if (typeof end === 'number') {
      outcome.exitCode = end;
    } else {
      outcome.error = end;
    }
  } catch (err) {
    outcome.error = `the VS Code suite could not run: ${(err as Error).message}`;
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server.close();
    if (outcome.error) {
      if (!outcome.vscodeVersion) {
        print(`--- workbench log before the suite started ---\n${startup.slice(-40).join('\n')}`);
      }
      print(`--- VS Code server log (last lines) ---\n${server.logTail()}`);
    }
    removeTempDir(tempRoot);
  }
  return outcome;
}

import { spawn } from 'node:child_process';
import { onExitCleanup } from './exit-cleanup';
import { nodeSuitesEntry, repoRoot, WORKBENCH_SUITE_DIR } from './paths';
import { parseSuiteResult, type SuiteResult } from './suite-result';
import { runVsCodeSuite } from './vscode-suite';

/**
 * `npm test` (after `node esbuild.js --tests`): the plain-Node suites, then the VS Code suite through the
 * offline code-server launcher, then the workbench UI suite (test/workbench), then one closing line
 * `N passed, N failed` for all together.
 * Flags: --node-only, --vscode-only, --grep <pattern>, --timeout <seconds> (per launcher; default 480).
 */
const DEFAULT_TIMEOUT_MS = 8 * 60_000;

interface Args {
  node: boolean;
  vscode: boolean;
  grep?: string;
  timeoutMs: number;
}

function parseArgs(argv: string[]): Args {
  const valueOf = (flag: string): string | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const timeoutSeconds = Number(valueOf('--timeout'));
  return {
    node: !argv.includes('--vscode-only'),
    vscode: !argv.includes('--node-only'),
    grep: valueOf('--grep'),
    timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
  };
}

interface SuiteRun {
  name: string;
  result?: SuiteResult;
  exitCode: number;
  error?: string;
}

/** The plain-Node suites, or with `dirs` those folders of out/test only (the workbench UI suite). */
function runNodeSuites(grep: string | undefined, timeoutMs: number, dirs: string[] = [], name = 'plain Node suites'): Promise<SuiteRun> {
  return new Promise((resolve) => {
    const run: SuiteRun = { name, exitCode: 1 };
    const child = spawn(process.execPath, ['--enable-source-maps', nodeSuitesEntry, ...dirs], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...(grep ? { ALTINN_TEST_GREP: grep } : {}) },
    });
    const forget = onExitCleanup(() => child.kill('SIGKILL'));
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const result = parseSuiteResult(line);
        if (result) {
          run.result = result;
        } else {
          console.log(line);
        }
      }
    });
    const timer = setTimeout(() => {
      run.error = `the ${name} did not finish within ${timeoutMs / 1000} s (a hang counts as a failure)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      forget();
      if (pending) {
        console.log(pending);
      }
      run.exitCode = code ?? 1;
      if (!run.error && !run.result) {
        run.error = `the ${name} exited with ${signal ?? code} before reporting`;
      }
      resolve(run);
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const runs: SuiteRun[] = [];
  const started = Date.now();
  if (args.node) {
    console.log('\n=== Plain Node suites ===');
    runs.push(await runNodeSuites(args.grep, args.timeoutMs));
  }
  if (args.vscode) {
    console.log('\n=== VS Code suite (code-server host, headless Chromium) ===');
    const vs = await runVsCodeSuite({ timeoutMs: args.timeoutMs, grep: args.grep });
    const name = `VS Code ${vs.vscodeVersion ?? '(version unknown)'} suite`;
    const run: SuiteRun = { name, result: vs.result, exitCode: vs.exitCode, error: vs.error };
    if (!run.error && vs.result && vs.result.passed + vs.result.failed === 0) {
      run.error = 'the VS Code suite ran no test';
    }
    runs.push(run);
    console.log('\n=== Workbench UI suite (the npm start host, driven through Playwright) ===');
    runs.push(await runNodeSuites(args.grep, args.timeoutMs, [WORKBENCH_SUITE_DIR], 'workbench UI suite'));
  }
  console.log('\n=== Summary ===');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const run of runs) {
    const r = run.result;
    const brokenRun = Boolean(run.error) || run.exitCode !== 0 || !r;
    passed += r?.passed ?? 0;
    skipped += r?.pending ?? 0;
    // A host that did not start, a time-out or a crash counts as one failure, so the line agrees with the exit code.
    failed += Math.max(r?.failed ?? 0, brokenRun ? 1 : 0);
    const counts = r ? `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}` : 'no result';
    console.log(`${run.name}: ${counts}${run.error ? ` — ${run.error}` : ''}`);
  }
  console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

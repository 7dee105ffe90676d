/**
 * The line a mocha run prints last so that a launcher reading its console (through the workbench's
 * codeAutomationLog, or a child's stdout) can count its results without parsing the spec reporter.
 */
export const SUITE_RESULT_MARKER = '@@altinn-suite-result ';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
}

export function formatSuiteResult(result: SuiteResult): string {
  return SUITE_RESULT_MARKER + JSON.stringify(result);
}

export function parseSuiteResult(line: string): SuiteResult | undefined {
  const at = line.indexOf(SUITE_RESULT_MARKER);
  if (at < 0) {
    return undefined;
  }
  try {
    const value = JSON.parse(line.slice(at + SUITE_RESULT_MARKER.length).trim()) as Partial<SuiteResult>;
    if (typeof value.passed === 'number' && typeof value.failed === 'number') {
      return { passed: value.passed, failed: value.failed, pending: value.pending ?? 0 };
    }
  } catch {
    // not ours
  }
  return undefined;
}

/** Runs a configured mocha instance and reports its counts (a failure in a hook counts as a failure). */
export function runMocha(mocha: Mocha): Promise<SuiteResult> {
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({ passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 });
    });
  });
}

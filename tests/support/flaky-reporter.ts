import type { Reporter, TestCase } from 'vitest/node';

/**
 * Names every test that passed only on a retry (CI retries a failed test once, as Playwright does
 * there), so a flaky test is seen and fixed instead of hidden: one line per test, and a count the CI
 * summary reads ("vitest flaky: N").
 */
export class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const diagnostic = testCase.diagnostic();
    if (diagnostic?.flaky) {
      this.flaky.push(`${testCase.module.moduleId.replace(`${process.cwd()}/`, '')} > ${testCase.fullName} (failed ${diagnostic.retryCount}×, passed on the retry)`);
    }
  }

  onTestRunEnd(): void {
    if (this.flaky.length === 0) return;
    process.stdout.write(`\nFlaky tests (passed on a retry):\n${this.flaky.map((line) => `  - ${line}`).join('\n')}\nvitest flaky: ${this.flaky.length}\n`);
  }
}

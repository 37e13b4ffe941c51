import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against real relay
 * processes that each spec starts itself. Screenshots and traces of failures go to tests/artifacts/.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/artifacts/results',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // In CI a test that fails once is run once more and reported as flaky; locally failures show at once.
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: 'tests/artifacts/report', open: 'never' }]],
  use: {
    headless: true,
    viewport: { width: 1280, height: 760 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.KLAXON_CHROMIUM ?? '/usr/lib/chromium/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});

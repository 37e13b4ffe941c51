import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { FlakyReporter } from './tests/support/flaky-reporter.js';

/** Unit tests sit beside the code; integration tests under tests/ start real relay processes. */
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['{server,shared,renderer,electron}/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // In CI a test that fails once runs once more (as Playwright's do there); one that then passes is
    // named under "Flaky tests" at the end of the run and counted in CI's summary, never hidden.
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', new FlakyReporter()],
  },
});

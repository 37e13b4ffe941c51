import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/** Unit tests sit beside the code; integration tests under tests/ start real relay processes. */
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['{server,shared,renderer,electron}/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});

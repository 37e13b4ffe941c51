import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run relay` listens by default; the dev server forwards API and socket traffic there. */
const devRelay = process.env.KLAXON_DEV_RELAY ?? 'http://127.0.0.1:7300';

/**
 * Builds the console (and later the wallboard and phone app entries) into dist/renderer.
 * `base: './'` keeps asset URLs relative, so the same build works from Electron's `app://` protocol
 * and from the relay at `/`.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [vue()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2023',
    rolldownOptions: {
      // One entry per page; the wallboard (wallboard.html) and phone app (m/index.html) join here.
      input: { console: here('./renderer/index.html'), phone: here('./renderer/m/index.html'), wallboard: here('./renderer/wallboard.html') },
    },
  },
  server: {
    proxy: {
      '/api': devRelay,
      '/health': devRelay,
      '/socket.io': { target: devRelay, ws: true },
    },
  },
});

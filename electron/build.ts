import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the Electron bundles go; package.json "main" points at main.js in it. */
export const ELECTRON_OUT_DIR = path.join(ROOT, 'dist', 'electron');

/**
 * Bundles the main process as ESM (`dist/electron/main.js`) and the preload as CommonJS
 * (`dist/electron/preload.cjs`: sandboxed preloads cannot be ES modules). Only `electron` stays
 * external; electron-store and zod are bundled in, so a packaged app needs no node_modules.
 */
export async function buildElectron(): Promise<void> {
  const common = { bundle: true, minify: true, sourcemap: true, logLevel: 'warning', absWorkingDir: ROOT } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/index.ts'],
      outfile: path.join(ELECTRON_OUT_DIR, 'main.js'),
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/index.ts'],
      outfile: path.join(ELECTRON_OUT_DIR, 'preload.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
    }),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildElectron();
  process.stdout.write(`Electron bundles written to ${path.relative(process.cwd(), ELECTRON_OUT_DIR) || '.'}\n`);
}

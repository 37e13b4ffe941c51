import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, mtimeOf, newestMtime } from '../../electron/launcher/freshness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the console into dist/renderer when it is missing or older than its sources. */
export default async function globalSetup(): Promise<void> {
  const sources = ['renderer', 'shared', 'vite.config.ts', 'package.json'].map((p) => path.join(ROOT, p));
  if (!isStale([mtimeOf(path.join(ROOT, 'dist/renderer/index.html'))], newestMtime(sources))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
}

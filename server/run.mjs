// Starts the relay from a bundle of its TypeScript sources (`npm run relay`): plain Node starts in a
// fraction of the time a TypeScript loader needs. The bundle is rebuilt with esbuild whenever a
// source under server/ or shared/ is newer than it. Packages stay in node_modules (not bundled).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stopWhenOrphaned } from './orphan-watch.mjs';

// Under npm (or the `npm start` launcher), stop with the process that started us, never outlive it.
stopWhenOrphaned();

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bundle = path.join(root, 'dist', 'relay', 'main.mjs');

/** The newest modification time of the TypeScript files below `dir`, in ms. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return 0;
  }
}

if (builtAt() < Math.max(newestSource(path.join(root, 'server')), newestSource(path.join(root, 'shared')))) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'server', 'main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
await import(pathToFileURL(bundle).href);

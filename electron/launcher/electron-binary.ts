import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the Electron binary is, or why there is none. */
export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Finds the Electron binary without triggering the `electron` package's own download (importing the
 * package when its binary is missing makes it try to fetch one, which fails without internet).
 */
export async function locateElectron(): Promise<ElectronBinary> {
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    let packageDir: string;
    try {
      packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    } catch {
      return { ok: false, reason: 'the electron package is not installed' };
    }
    const pathFile = path.join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return { ok: false, reason: 'the Electron binary was not downloaded at install' };
    const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (!existsSync(binary)) return { ok: false, reason: `the Electron binary is missing at ${binary}` };
  }
  try {
    const { default: electronPath } = (await import('electron')) as unknown as { default: string };
    return { ok: true, path: electronPath };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

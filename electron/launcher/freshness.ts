import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Returns the newest modification time (ms) of the files under `paths`, or 0 when there are none. */
export function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (entry: string): void => {
    let stat;
    try {
      stat = statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry)) {
        if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(entry, name));
      }
    } else if (!/\.test\.ts$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** Returns the modification time (ms) of `file`, or undefined when it does not exist. */
export function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Tells whether a build must run: some output is missing, or older than the newest source.
 */
export function isStale(outputMtimes: ReadonlyArray<number | undefined>, newestSource: number): boolean {
  return outputMtimes.some((mtime) => mtime === undefined || mtime < newestSource);
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the project's root folder (the one whose package.json names "klaxon") by walking up from
 * `from`, so that paths to the built console and the example config are right both when the relay
 * runs from its TypeScript sources and when it runs from the bundle in `dist/relay/`.
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'klaxon') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no Klaxon package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

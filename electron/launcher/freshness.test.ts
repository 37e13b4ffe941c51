import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isStale, mtimeOf, newestMtime } from './freshness.js';

describe('isStale', () => {
  it('is stale when an output is missing or older than the newest source', () => {
    expect(isStale([undefined], 10)).toBe(true);
    expect(isStale([20, 5], 10)).toBe(true);
    expect(isStale([20, 30], 10)).toBe(false);
  });
});

describe('newestMtime', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('walks folders, skipping tests, node_modules and dot folders', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'klaxon-fresh-'));
    const touch = (rel: string, seconds: number): void => {
      const file = path.join(dir!, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '');
      utimesSync(file, seconds, seconds);
    };
    touch('src/a.ts', 1000);
    touch('src/deep/b.vue', 2000);
    touch('src/c.test.ts', 9000);
    touch('src/node_modules/x.js', 9000);
    touch('src/.cache/y', 9000);
    expect(newestMtime([path.join(dir, 'src'), path.join(dir, 'missing')])).toBe(2_000_000);
    expect(mtimeOf(path.join(dir, 'missing'))).toBeUndefined();
  });
});

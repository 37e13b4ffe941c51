import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('./audit-verify.ts', import.meta.url));
const folders: string[] = [];

function runVerifyCli(db: string): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--db', db], {
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KLAXON_'))),
    timeout: 60_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function tablesOf(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

function folder(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'klaxon-verify-'));
  folders.push(made);
  return made;
}

afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

describe('npm run audit:verify refuses what is not a Klaxon store', () => {
  it('answers 2 for :memory:, which holds nothing to verify', () => {
    const result = runVerifyCli(':memory:');
    expect(result.code).toBe(2);
    expect(result.output).toContain('in-memory');
  }, 60_000);

  it('answers 2 for a file that is not a current Klaxon store, and leaves it as it was', () => {
    const file = path.join(folder(), 'empty.db');
    writeFileSync(file, '');
    const result = runVerifyCli(file);
    expect(result.code).toBe(2);
    expect(result.output).toContain('not a current Klaxon store');
    // Verifying must never migrate (that would write to the evidence it checks).
    expect(tablesOf(file)).toEqual([]);
  }, 60_000);
});

import { writeFileSync } from 'node:fs';
import type { CachedStatement } from './statement-cache.js';

/** What a SQLite connection ran: statements executed, transactions committed, statements prepared. */
export interface SqlCounts {
  statements: number;
  commits: number;
  prepares: number;
}

const COMMIT = /^\s*(?:commit|end)\b/i;

/**
 * Wraps `prepare` so that every statement it prepares counts its runs (and a `COMMIT` counts as a
 * commit) into `counts`. The benchmarks use it to report statements and commits per alert.
 */
export function countingPrepare<S extends CachedStatement>(prepare: (sql: string) => S, counts: SqlCounts): (sql: string) => CachedStatement {
  return (sql) => {
    counts.prepares++;
    const statement = prepare(sql);
    const commit = COMMIT.test(sql);
    const ran = () => {
      counts.statements++;
      if (commit) counts.commits++;
    };
    return {
      get reader() {
        return statement.reader;
      },
      get busy() {
        return statement.busy;
      },
      all: (params) => (ran(), statement.all(params)),
      run: (params) => (ran(), statement.run(params)),
      iterate: (params) => (ran(), statement.iterate(params)),
    };
  };
}

/** Writes the counts as JSON to `file` (on close of the connection they describe). */
export function writeSqlCounts(file: string, counts: SqlCounts): void {
  writeFileSync(file, `${JSON.stringify(counts)}\n`);
}

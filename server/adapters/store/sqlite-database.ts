import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter, type LogConfig, type SqliteDatabase } from 'kysely';
import type { Database } from './database.js';
import { startSqliteCheckpointer, type SqliteCheckpointer } from './sqlite-checkpointer.js';
import { createStatementCache, type CachedStatement } from './statement-cache.js';
import { countingPrepare, type SqlCounts, writeSqlCounts } from './statement-cache-counter.js';

/** How the relay's commits wait for the disk: each durable one until it is on the disk. */
export const SQLITE_SYNCHRONOUS = 'FULL';

/** The pragmas every SQLite connection of the relay runs with. */
export const SQLITE_PRAGMAS = [
  // First, so that switching the journal mode also waits for another process's lock.
  'busy_timeout = 5000',
  'journal_mode = WAL',
  `synchronous = ${SQLITE_SYNCHRONOUS}`,
  'foreign_keys = ON',
] as const;

/** SQLite's own WAL threshold (pages) for the automatic checkpoint, used when no thread checkpoints. */
const AUTO_CHECKPOINT_PAGES = 1000;

/** Options of a SQLite store. */
export interface SqliteOptions {
  /** Kysely's query log (each query's SQL, parameters and duration). */
  log?: LogConfig;
  /**
   * Checkpoints the WAL on a thread of its own instead of inside the commit that fills it (the relay
   * does; a file only). When that thread fails, the automatic checkpoint comes back and `onCheckpointError` hears why.
   */
  checkpointThread?: boolean;
  onCheckpointError?: (error: Error) => void;
}

/** How many prepared statements each SQLite connection keeps (the relay runs a few hundred texts). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Hands Kysely the connection with every transaction begun as `BEGIN IMMEDIATE`: the write lock is
 * taken at the start (waiting up to busy_timeout), so a transaction that reads and then writes never
 * fails with SQLITE_BUSY halfway when another process touches the file. Prepared statements are
 * cached by their SQL text (Kysely asks for a fresh one on every query).
 */
function withImmediateTransactions(db: BetterSqlite3.Database, onClose: () => void): SqliteDatabase {
  let prepare = (text: string): CachedStatement => db.prepare(/^\s*begin\s*$/i.test(text) ? 'begin immediate' : text);
  // Diagnostics for the benchmarks: count statements and commits, written to this file on close.
  const countsFile = process.env.KLAXON_SQL_COUNTS_FILE;
  const counts: SqlCounts = { statements: 0, commits: 0, prepares: 0 };
  if (countsFile) prepare = countingPrepare(prepare, counts);
  const cache = createStatementCache(prepare, STATEMENT_CACHE_SIZE);
  return {
    close: () => {
      if (countsFile) writeSqlCounts(countsFile, counts);
      db.close();
      onClose();
    },
    prepare: (text) => cache.prepare(text),
  };
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not, so its Migrator would
 * apply migrations outside one: a failing migration would leave half a schema behind. Saying so
 * makes the Migrator run all pending migrations and their bookkeeping in one transaction, as on
 * PostgreSQL. (A future migration that rebuilds a table must use `PRAGMA defer_foreign_keys`, since
 * `foreign_keys` cannot change inside a transaction.)
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect with transactional migrations. */
class RelaySqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Opens a SQLite file (its parent folder is created) or `:memory:` with the relay's pragmas, as a
 * Kysely instance; `log` is Kysely's query log (each query's SQL, parameters and duration). Throws an
 * Error naming the file when it cannot be opened.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Kysely<Database> {
  let db: BetterSqlite3.Database;
  try {
    if (file !== ':memory:' && file !== '') mkdirSync(dirname(resolve(file)), { recursive: true });
    db = new BetterSqlite3(file);
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  } catch (error) {
    throw new Error(`Cannot open the SQLite store at ${file}`, { cause: error });
  }
  let checkpointer: SqliteCheckpointer | undefined;
  if (options.checkpointThread && file !== ':memory:' && file !== '') {
    db.pragma('wal_autocheckpoint = 0');
    checkpointer = startSqliteCheckpointer(resolve(file), (error) => {
      if (!error) return;
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
      options.onCheckpointError?.(error);
    });
  }
  // Closed after the connection: the thread's last checkpoint then empties the WAL.
  const database = withImmediateTransactions(db, () => void checkpointer?.stop());
  return new Kysely<Database>({ dialect: new RelaySqliteDialect({ database }), log: options.log });
}

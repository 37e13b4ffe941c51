import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type DialectAdapter, type SqliteDatabase } from 'kysely';
import type { Database } from './database.js';

/** The pragmas every SQLite connection of the relay runs with. */
export const SQLITE_PRAGMAS = [
  // First, so that switching the journal mode also waits for another process's lock.
  'busy_timeout = 5000',
  'journal_mode = WAL',
  'synchronous = FULL',
  'foreign_keys = ON',
] as const;

/**
 * Hands Kysely the connection with every transaction begun as `BEGIN IMMEDIATE`: the write lock is
 * taken at the start (waiting up to busy_timeout), so a transaction that reads and then writes never
 * fails with SQLITE_BUSY halfway when another process touches the file.
 */
function withImmediateTransactions(db: BetterSqlite3.Database): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare: (text: string) => db.prepare(/^\s*begin\s*$/i.test(text) ? 'begin immediate' : text),
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
 * Kysely instance. Throws an Error naming the file when it cannot be opened.
 */
export function openSqlite(file: string): Kysely<Database> {
  let db: BetterSqlite3.Database;
  try {
    if (file !== ':memory:' && file !== '') mkdirSync(dirname(resolve(file)), { recursive: true });
    db = new BetterSqlite3(file);
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  } catch (error) {
    throw new Error(`Cannot open the SQLite store at ${file}`, { cause: error });
  }
  return new Kysely<Database>({ dialect: new RelaySqliteDialect({ database: withImmediateTransactions(db) }) });
}

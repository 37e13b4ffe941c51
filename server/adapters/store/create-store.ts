import { sql } from 'kysely';
import type { Store } from '../../app/ports/store.js';
import type { Engine } from './database.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { isPostgresUrl, openPostgres, type PostgresOptions } from './postgres-database.js';
import { openSqlite, type SqliteOptions } from './sqlite-database.js';

/** Options of `createStore`: PostgreSQL's pool options, SQLite's checkpoint thread, and whether to migrate. */
export interface CreateStoreOptions extends PostgresOptions, SqliteOptions {
  /**
   * `false` opens the store as it is and refuses one with migrations not yet run (a read-only tool
   * must not write to what it checks); the relay migrates (the default).
   */
  migrate?: boolean;
}

/**
 * Opens the relay's store: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything else
 * is a SQLite file path (or `:memory:`). Runs the pending migrations before answering (a no-op when
 * the database is current; with `migrate: false` it throws instead when any is pending) and throws an
 * Error naming the migration or connection that failed.
 */
export async function createStore(url: string, options: CreateStoreOptions = {}): Promise<Store> {
  const engine: Engine = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const db = engine === 'postgres' ? openPostgres(url, options) : openSqlite(url, options);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new Error(`Cannot reach the ${engine} store at ${redactUrl(url)}`, { cause: error });
  }
  try {
    if (options.migrate === false) await requireCurrent(db, engine, url);
    else await migrateToLatest(db, engine);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return new KyselyStore(db, engine);
}

/** Throws when the database has not run every migration (an empty file has run none). */
async function requireCurrent(db: Parameters<typeof migrateToLatest>[0], engine: Engine, url: string): Promise<void> {
  const pending = await pendingMigrations(db, engine);
  if (pending.length === 0) return;
  throw new Error(
    `the ${engine} store at ${redactUrl(url)} is not a current Klaxon store: ${pending.length} migration(s) not run (${pending[0]} first); start the relay on it once to migrate it`,
  );
}

/** Hides a password in a connection URL before it goes into an error message. */
function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

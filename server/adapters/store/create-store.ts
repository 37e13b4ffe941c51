import { sql } from 'kysely';
import type { Store } from '../../app/ports/store.js';
import type { Engine } from './database.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import { isPostgresUrl, openPostgres, type PostgresOptions } from './postgres-database.js';
import { openSqlite } from './sqlite-database.js';

/** Options of `createStore`; only PostgreSQL has any. */
export type CreateStoreOptions = PostgresOptions;

/**
 * Opens the relay's store: a `postgres://` or `postgresql://` URL selects PostgreSQL, anything else
 * is a SQLite file path (or `:memory:`). Runs the pending migrations before answering (a no-op when
 * the database is current) and throws an Error naming the migration or connection that failed.
 */
export async function createStore(url: string, options: CreateStoreOptions = {}): Promise<Store> {
  const engine: Engine = isPostgresUrl(url) ? 'postgres' : 'sqlite';
  const db = engine === 'postgres' ? openPostgres(url, options) : openSqlite(url);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new Error(`Cannot reach the ${engine} store at ${redactUrl(url)}`, { cause: error });
  }
  try {
    await migrateToLatest(db, engine);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return new KyselyStore(db, engine);
}

/** Hides a password in a connection URL before it goes into an error message. */
function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

import { Kysely, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

const INT8_OID = 20;

/**
 * Type parsers for this pool only (the global `pg.types` stay untouched): int8 (bigint, count(*))
 * comes back as a number. The store keeps epoch milliseconds and counters there, far below 2^53.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Tells whether a store URL names a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

/** Options of a PostgreSQL store. */
export interface PostgresOptions {
  /** Most connections the relay keeps open (default 10). */
  maxConnections?: number;
  /** Hears errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  onPoolError?: (error: Error) => void;
  /** Kysely's query log (each query's SQL, parameters and duration); on SQLite too. */
  log?: LogConfig;
}

/** Opens a pooled PostgreSQL connection as a Kysely instance; nothing connects until the first query. */
export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
  // Without a listener an idle connection's error would crash the relay; the next query reconnects.
  pool.on('error', (error) => options.onPoolError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log });
}

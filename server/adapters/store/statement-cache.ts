import type { SqliteStatement } from 'kysely';

/** The part of a better-sqlite3 statement that Kysely's SQLite driver uses, and whether it is busy. */
export interface CachedStatement extends SqliteStatement {
  /** True while an `iterate()` of this statement is open: it cannot run again until that ends. */
  readonly busy: boolean;
}

/** A bounded cache of prepared statements keyed by their SQL text. */
export interface StatementCache<S extends CachedStatement> {
  /** The prepared statement for `sql`: the cached one, or a new one (cached, the oldest unused dropped). */
  prepare(sql: string): S;
  /** How many statements are cached. */
  readonly size: number;
  /** How many `prepare` calls were answered from the cache and how many prepared anew. */
  readonly stats: { hits: number; misses: number };
}

/**
 * Creates a least-recently-used cache of up to `capacity` statements in front of `prepare` (a
 * better-sqlite3 `db.prepare`). Kysely compiles every query to SQL text and asks the driver to
 * prepare it on each run; the same few texts come back on every ingest, and preparing them again
 * cost about a sixth of the relay's CPU under load. A statement that is busy (an open iteration of
 * it) is not shared: the caller gets a fresh, uncached one.
 */
export function createStatementCache<S extends CachedStatement>(prepare: (sql: string) => S, capacity = 500): StatementCache<S> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`statement cache capacity must be a positive integer, not ${capacity}`);
  const cache = new Map<string, S>();
  const stats = { hits: 0, misses: 0 };
  return {
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached) {
        if (cached.busy) {
          stats.misses++;
          return prepare(sql);
        }
        stats.hits++;
        // Map keeps insertion order: re-inserting marks the statement as the most recently used.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      stats.misses++;
      const statement = prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return statement;
    },
    get size() {
      return cache.size;
    },
    stats,
  };
}

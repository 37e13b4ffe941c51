import { sql, type Selectable } from 'kysely';
import type { LoginThrottleRecord } from '../../app/ports/login-throttle-store.js';
import type { Db } from './database.js';
import { toMillis } from './json.js';

/** The failed logins counted against one key (a user, an unknown login name, or an address). */
export interface LoginThrottlesTable {
  key: string;
  failures: number;
  last_failure_ms: number;
  locked_ms: number | null;
}

function toRecord(row: Selectable<LoginThrottlesTable>): LoginThrottleRecord {
  return {
    key: row.key,
    failures: Number(row.failures),
    lastFailureAt: new Date(Number(row.last_failure_ms)),
    lockedAt: row.locked_ms === null ? null : new Date(Number(row.locked_ms)),
  };
}

/** The records of the given keys that exist. */
export async function getLoginThrottles(db: Db, keys: readonly string[]): Promise<LoginThrottleRecord[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom('login_throttles').selectAll().where('key', 'in', [...keys]).execute();
  return rows.map(toRecord);
}

/** Counts one failure against `key` in one upsert; see `LoginThrottleSession.addLoginFailure`. */
export async function addLoginFailure(db: Db, key: string, at: Date, forgetBefore: Date): Promise<LoginThrottleRecord> {
  const atMs = toMillis(at, 'login_throttles.last_failure_ms');
  const forgetMs = toMillis(forgetBefore, 'forgetBefore');
  const row = await db
    .insertInto('login_throttles')
    .values({ key, failures: 1, last_failure_ms: atMs, locked_ms: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttles.locked_ms is null and login_throttles.last_failure_ms < ${forgetMs}
          then 1 else login_throttles.failures + 1 end`,
        last_failure_ms: atMs,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

/** Locks `key` out unless it is locked already; tells whether this call locked it. */
export async function lockLogin(db: Db, key: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('login_throttles')
    .set({ locked_ms: toMillis(at, 'login_throttles.locked_ms') })
    .where('key', '=', key)
    .where('locked_ms', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Forgets a key's failures and lockout; tells whether it was locked. */
export async function clearLoginThrottle(db: Db, key: string): Promise<boolean> {
  const rows = await db.deleteFrom('login_throttles').where('key', '=', key).returning('locked_ms').execute();
  return rows.some((row) => row.locked_ms !== null);
}

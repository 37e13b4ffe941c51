import type { Selectable } from 'kysely';
import type { TotpRecord } from '../../app/ports/totp-store.js';
import type { Db } from './database.js';
import { isoOf, parseJson } from './json.js';

/** A person's TOTP second factor (see `TotpRecord`). */
export interface UserTotpTable {
  user_id: string;
  secret_sealed: string;
  created_at: string;
  confirmed_at: string | null;
  last_step: number | string;
  recovery_hashes: string;
}

function toRecord(row: Selectable<UserTotpTable>): TotpRecord {
  return {
    userId: row.user_id,
    secretSealed: row.secret_sealed,
    createdAt: new Date(row.created_at),
    confirmedAt: row.confirmed_at === null ? null : new Date(row.confirmed_at),
    lastStep: Number(row.last_step),
    recoveryHashes: parseJson<string[]>(row.recovery_hashes, 'user_totp.recovery_hashes'),
  };
}

/** The second factor of a person, confirmed or pending. */
export async function getTotp(db: Db, userId: string): Promise<TotpRecord | undefined> {
  const row = await db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Starts a pending enrolment, replacing a pending one; refuses (false) when one is confirmed. */
export async function putPendingTotp(db: Db, record: TotpRecord): Promise<boolean> {
  const values = {
    user_id: record.userId,
    secret_sealed: record.secretSealed,
    created_at: isoOf(record.createdAt, 'user_totp.created_at'),
    confirmed_at: null,
    last_step: 0,
    recovery_hashes: '[]',
  };
  const result = await db
    .insertInto('user_totp')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ secret_sealed: values.secret_sealed, created_at: values.created_at, last_step: 0, recovery_hashes: '[]' })
        .where('user_totp.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Confirms a pending enrolment; false when there is none pending. */
export async function confirmTotp(db: Db, userId: string, at: Date, step: number, recoveryHashes: string[]): Promise<boolean> {
  const result = await db
    .updateTable('user_totp')
    .set({ confirmed_at: isoOf(at, 'user_totp.confirmed_at'), last_step: step, recovery_hashes: JSON.stringify(recoveryHashes) })
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records `step` as used when it is above the last one, in one conditional statement (no replay race). */
export async function acceptTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('confirmed_at', 'is not', null)
    .where('last_step', '<', step)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Removes one recovery code's hash; true when it was there. The update is conditional on the list
 * read, so two uses of the same code at once cannot both succeed.
 */
export async function useTotpRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
  const record = await getTotp(db, userId);
  if (!record || record.confirmedAt === null || !record.recoveryHashes.includes(hash)) return false;
  const before = JSON.stringify(record.recoveryHashes);
  const after = JSON.stringify(record.recoveryHashes.filter((h) => h !== hash));
  const result = await db
    .updateTable('user_totp')
    .set({ recovery_hashes: after })
    .where('user_id', '=', userId)
    .where('recovery_hashes', '=', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes a person's second factor; true when there was one. */
export async function deleteTotp(db: Db, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

import type { UserDeactivationRecord } from '../../app/ports/user-status-store.js';
import type { Db } from './database.js';
import { isoOf } from './json.js';

/** A deactivated person: no token of theirs works until an admin reactivates them. */
export interface UserDeactivationsTable {
  user_id: string;
  deactivated_at: string;
  deactivated_by: string | null;
}

/** Records a deactivation; an existing one is kept as it is (the first deactivation counts). */
export async function deactivateUser(db: Db, record: UserDeactivationRecord): Promise<void> {
  await db
    .insertInto('user_deactivations')
    .values({ user_id: record.userId, deactivated_at: isoOf(record.deactivatedAt, 'deactivatedAt'), deactivated_by: record.deactivatedBy })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** Removes a deactivation, if there is one. */
export async function reactivateUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('user_deactivations').where('user_id', '=', userId).execute();
}

/** Reads a person's deactivation. */
export async function findUserDeactivation(db: Db, userId: string): Promise<UserDeactivationRecord | undefined> {
  const row = await db.selectFrom('user_deactivations').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row && { userId: row.user_id, deactivatedAt: new Date(row.deactivated_at), deactivatedBy: row.deactivated_by };
}

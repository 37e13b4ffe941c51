import { sql } from 'kysely';
import type { PhoneUsageKind, PhoneUsageRecord } from '../../app/ports/phone-usage-store.js';
import type { Db } from './database.js';

/** One month's count of one kind of SMS/voice usage. */
export interface PhoneUsageTable {
  month: string;
  kind: string;
  amount: number | string;
}

/** Adds to a month's count in one statement (an upsert), so concurrent sends on several nodes add up. */
export async function addPhoneUsage(db: Db, month: string, kind: PhoneUsageKind, amount: number): Promise<void> {
  await db
    .insertInto('phone_usage')
    .values({ month, kind, amount })
    .onConflict((oc) => oc.columns(['month', 'kind']).doUpdateSet({ amount: sql`phone_usage.amount + excluded.amount` }))
    .execute();
}

/** The counts of the months in a range (inclusive), oldest first. */
export async function listPhoneUsage(db: Db, fromMonth: string, toMonth: string): Promise<PhoneUsageRecord[]> {
  const rows = await db
    .selectFrom('phone_usage')
    .selectAll()
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .orderBy('month')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ month: r.month, kind: r.kind as PhoneUsageKind, amount: Number(r.amount) }));
}

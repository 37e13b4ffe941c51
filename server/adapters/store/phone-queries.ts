import type { Selectable } from 'kysely';
import { ContactsSchema, type Contacts } from '../../../shared/schemas/contact.js';
import type { Channel } from '../../../shared/schemas/user.js';
import type { PageReceiptRecord, PairingCodeRecord, PushSubscriptionRecord } from '../../app/ports/phone-store.js';
import type { Db } from './database.js';
import { isoOf } from './json.js';

/** The tables migration 0005 adds; kept here so that the shared `Database` type needs no edit. */
// A type alias (not an interface) so that it satisfies Kysely's `withTables` index-signature constraint.
export type PhoneTables = {
  pairing_codes: { code_hash: string; user_id: string; created_at: string; expires_at: string; used_at: string | null };
  push_subscriptions: { endpoint: string; user_id: string; device_id: string | null; p256dh: string; auth: string; created_at: string };
  user_contacts: { user_id: string; contacts: string; updated_at: string };
  page_receipts: { receipt: string; page_id: string; channel: string; created_at: string };
};

const tables = (db: Db) => db.withTables<PhoneTables>();

function toPairingCode(row: Selectable<PhoneTables['pairing_codes']>): PairingCodeRecord {
  return {
    codeHash: row.code_hash,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at === null ? null : new Date(row.used_at),
  };
}

function toSubscription(row: Selectable<PhoneTables['push_subscriptions']>): PushSubscriptionRecord {
  return {
    endpoint: row.endpoint,
    userId: row.user_id,
    deviceId: row.device_id,
    keys: { p256dh: row.p256dh, auth: row.auth },
    createdAt: new Date(row.created_at),
  };
}

function toReceipt(row: Selectable<PhoneTables['page_receipts']>): PageReceiptRecord {
  return { receipt: row.receipt, pageId: row.page_id, channel: row.channel as Channel, createdAt: new Date(row.created_at) };
}

/** Stores a new pairing code. */
export async function insertPairingCode(db: Db, code: PairingCodeRecord): Promise<void> {
  await tables(db)
    .insertInto('pairing_codes')
    .values({
      code_hash: code.codeHash,
      user_id: code.userId,
      created_at: isoOf(code.createdAt, 'pairing_codes.created_at'),
      expires_at: isoOf(code.expiresAt, 'pairing_codes.expires_at'),
      used_at: code.usedAt === null ? null : isoOf(code.usedAt, 'pairing_codes.used_at'),
    })
    .execute();
}

/**
 * Marks an unused, unexpired code used with one conditional UPDATE, so that of two concurrent
 * redeems only one changes the row. Instants are canonical UTC ISO text, so text order is time order.
 */
export async function redeemPairingCode(db: Db, codeHash: string, now: Date): Promise<PairingCodeRecord | undefined> {
  const at = isoOf(now, 'pairing_codes.used_at');
  const result = await tables(db)
    .updateTable('pairing_codes')
    .set({ used_at: at })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await tables(db).selectFrom('pairing_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  return row && toPairingCode(row);
}

/** Adds a subscription, or replaces the owner and keys of the one with the same endpoint. */
export async function savePushSubscription(db: Db, subscription: PushSubscriptionRecord): Promise<void> {
  const values = {
    endpoint: subscription.endpoint,
    user_id: subscription.userId,
    device_id: subscription.deviceId,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    created_at: isoOf(subscription.createdAt, 'push_subscriptions.created_at'),
  };
  const { endpoint: _endpoint, ...changes } = values;
  await tables(db)
    .insertInto('push_subscriptions')
    .values(values)
    .onConflict((oc) => oc.column('endpoint').doUpdateSet(changes))
    .execute();
}

/** A person's subscriptions, oldest first. */
export async function listPushSubscriptions(db: Db, userId: string): Promise<PushSubscriptionRecord[]> {
  const rows = await tables(db)
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('endpoint')
    .execute();
  return rows.map(toSubscription);
}

/** Which of `userIds` have at least one Web Push subscription (one query for a whole level). */
export async function usersWithPushSubscriptions(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < userIds.length; i += 200) {
    const rows = await tables(db)
      .selectFrom('push_subscriptions')
      .select('user_id')
      .distinct()
      .where('user_id', 'in', userIds.slice(i, i + 200))
      .execute();
    for (const row of rows) found.add(row.user_id);
  }
  return found;
}

/** Removes one subscription. */
export async function deletePushSubscription(db: Db, endpoint: string): Promise<void> {
  await tables(db).deleteFrom('push_subscriptions').where('endpoint', '=', endpoint).execute();
}

/** Removes a device's subscriptions. */
export async function deletePushSubscriptionsOfDevice(db: Db, deviceId: string): Promise<void> {
  await tables(db).deleteFrom('push_subscriptions').where('device_id', '=', deviceId).execute();
}

/** A person's contacts, checked against the shared schema on read (a bad row reads as none). */
export async function getContacts(db: Db, userId: string): Promise<Contacts | undefined> {
  const row = await tables(db).selectFrom('user_contacts').select('contacts').where('user_id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const parsed = ContactsSchema.safeParse(JSON.parse(row.contacts));
  return parsed.success ? parsed.data : undefined;
}

/** Replaces a person's contacts. */
export async function setContacts(db: Db, userId: string, contacts: Contacts, at: Date): Promise<void> {
  const changes = { contacts: JSON.stringify(contacts), updated_at: isoOf(at, 'user_contacts.updated_at') };
  await tables(db)
    .insertInto('user_contacts')
    .values({ user_id: userId, ...changes })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(changes))
    .execute();
}

/** Records a receipt; a receipt already stored is left as it is. */
export async function insertPageReceipt(db: Db, receipt: PageReceiptRecord): Promise<void> {
  await tables(db)
    .insertInto('page_receipts')
    .values({
      receipt: receipt.receipt,
      page_id: receipt.pageId,
      channel: receipt.channel,
      created_at: isoOf(receipt.createdAt, 'page_receipts.created_at'),
    })
    .onConflict((oc) => oc.column('receipt').doNothing())
    .execute();
}

/** Finds a receipt. */
export async function findPageReceipt(db: Db, receipt: string): Promise<PageReceiptRecord | undefined> {
  const row = await tables(db).selectFrom('page_receipts').selectAll().where('receipt', '=', receipt).executeTakeFirst();
  return row && toReceipt(row);
}

/** A page's receipts, oldest first. */
export async function listPageReceipts(db: Db, pageId: string): Promise<PageReceiptRecord[]> {
  const rows = await tables(db)
    .selectFrom('page_receipts')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('created_at')
    .orderBy('receipt')
    .execute();
  return rows.map(toReceipt);
}

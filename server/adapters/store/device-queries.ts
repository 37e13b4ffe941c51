import type { Selectable, Updateable } from 'kysely';
import type { DeviceRecord } from '../../app/ports/paging-store.js';
import type { Db, DevicesTable } from './database.js';
import { isoOf } from './json.js';

/** The fields of a device that may change after it was registered. */
type DevicePatch = Partial<Omit<DeviceRecord, 'id' | 'userId' | 'tokenHash'>>;

const dateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));

function toDevice(row: Selectable<DevicesTable>): DeviceRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: new Date(row.created_at),
    lastSeenAt: dateOrNull(row.last_seen_at),
    revokedAt: dateOrNull(row.revoked_at),
  };
}

/** Converts the fields present in `patch` (an `undefined` value counts as absent) into column values. */
function deviceColumns(patch: DevicePatch): Updateable<DevicesTable> {
  const columns: Updateable<DevicesTable> = {};
  if (patch.name !== undefined) columns.name = patch.name;
  if (patch.createdAt !== undefined) columns.created_at = isoOf(patch.createdAt, 'devices.created_at');
  if (patch.lastSeenAt !== undefined) {
    columns.last_seen_at = patch.lastSeenAt === null ? null : isoOf(patch.lastSeenAt, 'devices.last_seen_at');
  }
  if (patch.revokedAt !== undefined) {
    columns.revoked_at = patch.revokedAt === null ? null : isoOf(patch.revokedAt, 'devices.revoked_at');
  }
  return columns;
}

/** Registers a device; a second device with the same id or token hash is a unique violation. */
export async function insertDevice(db: Db, device: DeviceRecord): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      id: device.id,
      user_id: device.userId,
      name: device.name,
      token_hash: device.tokenHash,
      created_at: isoOf(device.createdAt, 'devices.created_at'),
      last_seen_at: device.lastSeenAt === null ? null : isoOf(device.lastSeenAt, 'devices.last_seen_at'),
      revoked_at: device.revokedAt === null ? null : isoOf(device.revokedAt, 'devices.revoked_at'),
    })
    .execute();
}

/** Finds a device by the SHA-256 of its token, revoked or not. */
export async function findDeviceByTokenHash(db: Db, tokenHash: string): Promise<DeviceRecord | undefined> {
  const row = await db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toDevice(row);
}

/**
 * Every device, or one person's, oldest first. Instants are written as canonical UTC ISO text, so
 * ordering the text orders the times.
 */
export async function listDevices(db: Db, userId?: string): Promise<DeviceRecord[]> {
  let query = db.selectFrom('devices').selectAll();
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toDevice);
}

/** Changes the fields present in `patch`; a device that does not exist is left alone. */
export async function updateDevice(db: Db, id: string, patch: DevicePatch): Promise<void> {
  const columns = deviceColumns(patch);
  if (Object.keys(columns).length === 0) return;
  await db.updateTable('devices').set(columns).where('id', '=', id).execute();
}

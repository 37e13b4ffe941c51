import type { Selectable } from 'kysely';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { MaintenanceWindow } from '../../../shared/schemas/maintenance.js';
import type { MaintenanceWindowRecord } from '../../app/ports/maintenance-store.js';
import type { Db } from './database.js';
import { RESOLVED, toIncident } from './incident-rows.js';
import { isoOf, parseJson } from './json.js';

/** A maintenance window: its document, the config declaration last applied, and when it was deleted. */
export interface MaintenanceWindowsTable {
  id: string;
  doc: string;
  config_digest: string | null;
  updated_at: string;
  deleted_at: string | null;
}

function toRecord(row: Selectable<MaintenanceWindowsTable>): MaintenanceWindowRecord {
  return {
    window: parseJson<MaintenanceWindow>(row.doc, 'maintenance_windows.doc'),
    configDigest: row.config_digest,
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
  };
}

/** Every window not deleted, by id. */
export async function listMaintenanceWindows(db: Db): Promise<MaintenanceWindowRecord[]> {
  const rows = await db.selectFrom('maintenance_windows').selectAll().where('deleted_at', 'is', null).orderBy('id').execute();
  return rows.map(toRecord);
}

/** One window's record, deleted or not. */
export async function getMaintenanceWindowRecord(db: Db, id: string): Promise<MaintenanceWindowRecord | undefined> {
  const row = await db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** Adds or replaces a window's record. */
export async function saveMaintenanceWindow(db: Db, record: MaintenanceWindowRecord): Promise<void> {
  const values = {
    doc: JSON.stringify(record.window),
    config_digest: record.configDigest,
    updated_at: record.window.updatedAt,
    deleted_at: record.deletedAt === null ? null : isoOf(record.deletedAt, 'maintenanceWindow.deletedAt'),
  };
  await db
    .insertInto('maintenance_windows')
    .values({ id: record.window.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** The open incidents a window holds back, oldest first. */
export async function listSuppressedIncidents(db: Db, windowId: string): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('suppressed_by', '=', windowId)
    .where('status', '<>', RESOLVED)
    .orderBy('first_seen_ms')
    .orderBy('seq')
    .execute();
  return rows.map(toIncident);
}

import type { Selectable } from 'kysely';
import type { HeartbeatState } from '../../../shared/schemas/heartbeat.js';
import type { HeartbeatRecord } from '../../app/ports/heartbeat-store.js';
import type { Db } from './database.js';
import { toMillis } from './json.js';

/** A heartbeat monitor's state (migration 0019); instants are epoch milliseconds. */
export interface HeartbeatsTable {
  integration_id: string;
  service_id: string;
  state: string;
  last_ping_at: number | null;
  deadline_at: number | null;
  incident_id: string | null;
  updated_at: number;
}

const dateOf = (ms: number | string | null): Date | null => (ms === null ? null : new Date(Number(ms)));

function toRecord(row: Selectable<HeartbeatsTable>): HeartbeatRecord {
  return {
    integrationId: row.integration_id,
    serviceId: row.service_id,
    state: row.state as HeartbeatState,
    lastPingAt: dateOf(row.last_ping_at),
    deadlineAt: dateOf(row.deadline_at),
    incidentId: row.incident_id,
    updatedAt: new Date(Number(row.updated_at)),
  };
}

/** Every stored heartbeat, by integration id. */
export async function listHeartbeats(db: Db): Promise<HeartbeatRecord[]> {
  const rows = await db.selectFrom('heartbeats').selectAll().orderBy('integration_id').execute();
  return rows.map(toRecord);
}

/** One heartbeat's row, if it has one. */
export async function getHeartbeat(db: Db, integrationId: string): Promise<HeartbeatRecord | undefined> {
  const row = await db.selectFrom('heartbeats').selectAll().where('integration_id', '=', integrationId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Adds or replaces a heartbeat's row. */
export async function saveHeartbeat(db: Db, record: HeartbeatRecord): Promise<void> {
  const values = {
    service_id: record.serviceId,
    state: record.state,
    last_ping_at: record.lastPingAt ? toMillis(record.lastPingAt, 'lastPingAt') : null,
    deadline_at: record.deadlineAt ? toMillis(record.deadlineAt, 'deadlineAt') : null,
    incident_id: record.incidentId,
    updated_at: toMillis(record.updatedAt, 'updatedAt'),
  };
  await db
    .insertInto('heartbeats')
    .values({ integration_id: record.integrationId, ...values })
    .onConflict((oc) => oc.column('integration_id').doUpdateSet(values))
    .execute();
}

/** Moves the last ping and deadline of an `ok` or `relay-down` heartbeat in one statement (see the port). */
export async function recordPing(db: Db, integrationId: string, at: Date, deadlineAt: Date): Promise<boolean> {
  const atMs = toMillis(at, 'at');
  const result = await db
    .updateTable('heartbeats')
    .set({ state: 'ok', last_ping_at: atMs, deadline_at: toMillis(deadlineAt, 'deadlineAt'), updated_at: atMs })
    .where('integration_id', '=', integrationId)
    .where('state', 'in', ['ok', 'relay-down'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a heartbeat late while its deadline is still `deadlineAt` (see the port). */
export async function markHeartbeatLate(db: Db, integrationId: string, deadlineAt: Date, incidentId: string | null, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('heartbeats')
    .set({ state: 'late', deadline_at: null, incident_id: incidentId, updated_at: toMillis(at, 'at') })
    .where('integration_id', '=', integrationId)
    .where('state', 'in', ['ok', 'relay-down'])
    .where('deadline_at', '=', toMillis(deadlineAt, 'deadlineAt'))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Removes a heartbeat's row (its integration is gone). */
export async function deleteHeartbeat(db: Db, integrationId: string): Promise<void> {
  await db.deleteFrom('heartbeats').where('integration_id', '=', integrationId).execute();
}

/** The latest `alive_until` of any relay node, if any node is remembered. */
export async function lastRelayAliveUntil(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('relay_nodes')
    .select((eb) => eb.fn.max('alive_until').as('latest'))
    .executeTakeFirst();
  return row?.latest === null || row?.latest === undefined ? undefined : new Date(Number(row.latest));
}

import type { Selectable } from 'kysely';
import type { ConnectWiseConnectionConfig, ConnectWiseSyncState } from '../../../shared/schemas/connectwise.js';
import type { ConnectWiseConnectionRecord, ConnectWiseOpRecord, ConnectWiseTicketRecord } from '../../app/ports/connectwise-store.js';
import type { Db } from './database.js';
import { parseJson, toMillis } from './json.js';

/** A ConnectWise connection; `doc` is its JSON without console-set keys. */
export interface ConnectWiseConnectionsTable {
  id: string;
  doc: string;
  public_key_sealed: string | null;
  private_key_sealed: string | null;
  managed_by: string;
  file_hash: string | null;
  broken_ms: number | null;
  broken_reason: string | null;
}

/** An incident's ConnectWise ticket and sync state. */
export interface ConnectWiseTicketsTable {
  incident_id: string;
  connection_id: string;
  ticket_id: number | null;
  origin: string;
  state: string;
  reason: string | null;
  last_status: string | null;
  retry_ms: number | null;
  updated_ms: number;
}

/** A call waiting to be made to ConnectWise. */
export interface ConnectWiseOpsTable {
  id: string;
  incident_id: string;
  ordinal: number;
  call: string;
  attempts: number;
  last_error: string | null;
  failed: number;
}

function toConnection(row: Selectable<ConnectWiseConnectionsTable>): ConnectWiseConnectionRecord {
  return {
    connection: parseJson<ConnectWiseConnectionConfig>(row.doc, 'connectwise_connections.doc'),
    publicKeySealed: row.public_key_sealed,
    privateKeySealed: row.private_key_sealed,
    managedBy: row.managed_by === 'file' ? 'file' : 'console',
    fileHash: row.file_hash,
    brokenAt: row.broken_ms === null ? null : new Date(Number(row.broken_ms)),
    brokenReason: row.broken_reason,
  };
}

function toTicket(row: Selectable<ConnectWiseTicketsTable>): ConnectWiseTicketRecord {
  return {
    incidentId: row.incident_id,
    connectionId: row.connection_id,
    ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
    origin: row.origin === 'connectwise' ? 'connectwise' : 'klaxon',
    state: row.state as ConnectWiseSyncState,
    reason: row.reason,
    lastStatus: row.last_status,
    retryAt: row.retry_ms === null ? null : new Date(Number(row.retry_ms)),
    updatedAt: new Date(Number(row.updated_ms)),
  };
}

/** Every connection, by id. */
export async function listConnections(db: Db): Promise<ConnectWiseConnectionRecord[]> {
  return (await db.selectFrom('connectwise_connections').selectAll().orderBy('id').execute()).map(toConnection);
}

/** One connection. */
export async function getConnection(db: Db, id: string): Promise<ConnectWiseConnectionRecord | undefined> {
  const row = await db.selectFrom('connectwise_connections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toConnection(row) : undefined;
}

/** Adds or replaces a connection. */
export async function upsertConnection(db: Db, record: ConnectWiseConnectionRecord): Promise<void> {
  const values = {
    doc: JSON.stringify(record.connection),
    public_key_sealed: record.publicKeySealed,
    private_key_sealed: record.privateKeySealed,
    managed_by: record.managedBy,
    file_hash: record.fileHash,
    broken_ms: record.brokenAt ? toMillis(record.brokenAt, 'connectwise_connections.broken_ms') : null,
    broken_reason: record.brokenReason,
  };
  await db
    .insertInto('connectwise_connections')
    .values({ id: record.connection.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Removes a connection; tells whether it existed. */
export async function deleteConnection(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('connectwise_connections').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Marks a connection broken, or mended with nulls. */
export async function setConnectionBroken(db: Db, id: string, at: Date | null, reason: string | null): Promise<void> {
  await db
    .updateTable('connectwise_connections')
    .set({ broken_ms: at ? toMillis(at, 'connectwise_connections.broken_ms') : null, broken_reason: reason })
    .where('id', '=', id)
    .execute();
}

/** An incident's ticket record. */
export async function getTicket(db: Db, incidentId: string): Promise<ConnectWiseTicketRecord | undefined> {
  const row = await db.selectFrom('connectwise_tickets').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row ? toTicket(row) : undefined;
}

/** The ticket record holding a ConnectWise ticket id (the newest when several). */
export async function findTicket(db: Db, ticketId: number): Promise<ConnectWiseTicketRecord | undefined> {
  const row = await db
    .selectFrom('connectwise_tickets')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('updated_ms', 'desc')
    .executeTakeFirst();
  return row ? toTicket(row) : undefined;
}

/** Adds or replaces an incident's ticket record. */
export async function upsertTicket(db: Db, record: ConnectWiseTicketRecord): Promise<void> {
  const values = {
    connection_id: record.connectionId,
    ticket_id: record.ticketId,
    origin: record.origin,
    state: record.state,
    reason: record.reason,
    last_status: record.lastStatus,
    retry_ms: record.retryAt ? toMillis(record.retryAt, 'connectwise_tickets.retry_ms') : null,
    updated_ms: toMillis(record.updatedAt, 'connectwise_tickets.updated_ms'),
  };
  await db
    .insertInto('connectwise_tickets')
    .values({ incident_id: record.incidentId, ...values })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(values))
    .execute();
}

/** The ticket records of a connection in one sync state. */
export async function listTickets(db: Db, connectionId: string, state: ConnectWiseSyncState): Promise<ConnectWiseTicketRecord[]> {
  const rows = await db.selectFrom('connectwise_tickets').selectAll().where('connection_id', '=', connectionId).where('state', '=', state).execute();
  return rows.map(toTicket);
}

/** Adds a waiting call. */
export async function addOp(db: Db, op: ConnectWiseOpRecord): Promise<void> {
  await db
    .insertInto('connectwise_ops')
    .values({
      id: op.id,
      incident_id: op.incidentId,
      ordinal: op.ordinal,
      call: JSON.stringify(op.call),
      attempts: op.attempts,
      last_error: op.lastError,
      failed: op.failed ? 1 : 0,
    })
    .execute();
}

/** An incident's waiting calls in order. */
export async function listOps(db: Db, incidentId: string): Promise<ConnectWiseOpRecord[]> {
  const rows = await db.selectFrom('connectwise_ops').selectAll().where('incident_id', '=', incidentId).orderBy('ordinal').orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    incidentId: row.incident_id,
    ordinal: Number(row.ordinal),
    call: parseJson<Record<string, unknown>>(row.call, 'connectwise_ops.call'),
    attempts: Number(row.attempts),
    lastError: row.last_error,
    failed: Number(row.failed) === 1,
  }));
}

/** Records a call's attempts and outcome. */
export async function updateOp(db: Db, id: string, change: Pick<ConnectWiseOpRecord, 'attempts' | 'lastError' | 'failed'>): Promise<void> {
  await db
    .updateTable('connectwise_ops')
    .set({ attempts: change.attempts, last_error: change.lastError, failed: change.failed ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

/** Removes a call that was made. */
export async function deleteOp(db: Db, id: string): Promise<void> {
  await db.deleteFrom('connectwise_ops').where('id', '=', id).execute();
}

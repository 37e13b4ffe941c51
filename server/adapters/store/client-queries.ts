import { sql, type Selectable } from 'kysely';
import type { Client } from '../../../shared/schemas/client.js';
import type { ClientManagedBy, ClientRecord } from '../../app/ports/client-store.js';
import type { Db } from './database.js';
import { isoOf, parseJson } from './json.js';
import { isUniqueViolation, StoreConflictError } from './store-errors.js';

/** A client: its document (with the business map), its source and its place in the list. */
export interface ClientsTable {
  id: string;
  doc: string;
  managed_by: string;
  config_digest: string | null;
  position: number;
  updated_at: string;
  deleted_at: string | null;
}

/** A service that belongs to a client; the key makes a service belong to one client at most. */
export interface ClientServicesTable {
  service_id: string;
  client_id: string;
}

function toRecord(row: Selectable<ClientsTable>): ClientRecord {
  return {
    client: parseJson<Client>(row.doc, 'clients.doc'),
    managedBy: row.managed_by as ClientManagedBy,
    configDigest: row.config_digest,
    position: Number(row.position),
    updatedAt: new Date(row.updated_at),
    deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at),
  };
}

/** Every client not deleted, by position then id. */
export async function listClients(db: Db): Promise<ClientRecord[]> {
  const rows = await db.selectFrom('clients').selectAll().where('deleted_at', 'is', null).orderBy('position').orderBy('id').execute();
  return rows.map(toRecord);
}

/** One client's record, deleted or not. */
export async function getClientRecord(db: Db, id: string): Promise<ClientRecord | undefined> {
  const row = await db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/**
 * Adds or replaces a client and the rows of the services that belong to it, under a savepoint
 * inside a transaction so that a service already taken (a unique violation, thrown as
 * `StoreConflictError`) leaves the caller's transaction usable on PostgreSQL too.
 */
export async function saveClient(db: Db, record: ClientRecord): Promise<void> {
  const { client } = record;
  const values = {
    doc: JSON.stringify(client),
    managed_by: record.managedBy,
    config_digest: record.configDigest,
    position: record.position,
    updated_at: isoOf(record.updatedAt, 'client.updatedAt'),
    deleted_at: record.deletedAt === null ? null : isoOf(record.deletedAt, 'client.deletedAt'),
  };
  const write = async (trx: Db) => {
    await trx
      .insertInto('clients')
      .values({ id: client.id, ...values })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
    await trx.deleteFrom('client_services').where('client_id', '=', client.id).execute();
    const services = record.deletedAt === null ? [...new Set(client.services)] : [];
    if (services.length) {
      await trx.insertInto('client_services').values(services.map((service_id) => ({ service_id, client_id: client.id }))).execute();
    }
  };
  if (!db.isTransaction) return db.transaction().execute((trx) => saveClient(trx, record));
  await sql`savepoint klaxon_client_write`.execute(db);
  try {
    await write(db);
    await sql`release savepoint klaxon_client_write`.execute(db);
  } catch (error) {
    await sql`rollback to savepoint klaxon_client_write`.execute(db);
    await sql`release savepoint klaxon_client_write`.execute(db);
    if (!isUniqueViolation(error)) throw error;
    throw new StoreConflictError(`Cannot save client ${client.id}: one of its services belongs to another client`, { cause: error });
  }
}

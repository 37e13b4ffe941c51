import { sql, type Insertable, type Updateable } from 'kysely';
import type { IncidentDraft } from '../../app/ports/store.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import { INCIDENT_SEQ_COUNTER, type Db, type Engine, type IncidentsTable } from './database.js';
import { incidentColumns, latestChangeMillis, RESOLVED, toIncident } from './incident-rows.js';
import { toMillis } from './json.js';
import { columnsShape, prepareLockingRead, prepareQuery, slotRow } from './prepared-query.js';
import { isUniqueViolation, StoreConflictError } from './store-errors.js';
import { incidentDoc } from './search-docs.js';
import { writeSearchDocs } from './search-index-queries.js';

const nextSeq = prepareQuery((db) =>
  db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', INCIDENT_SEQ_COUNTER)
    .returning('value'),
);

/**
 * Takes the next incident sequence number by incrementing the counter row. On PostgreSQL the row
 * stays locked until the transaction ends, so numbers become visible in the order they were taken.
 */
async function takeNextSeq(db: Db): Promise<number> {
  const row = await nextSeq.executeTakeFirst(db, {});
  if (!row) throw new Error(`The store's counter "${INCIDENT_SEQ_COUNTER}" is missing; was the database migrated?`);
  return Number(row.value);
}

/**
 * Runs an incident write; a unique violation becomes a StoreConflictError. Inside a transaction the
 * write runs under a savepoint that is rolled back on failure: PostgreSQL would otherwise abort the
 * whole transaction while SQLite would not, and the caller (say, an ingest that lost a race to
 * another relay) could not go on to read the incident that won on both engines alike.
 */
async function incidentWrite<T>(db: Db, what: string, write: () => Promise<T>): Promise<T> {
  const savepoint = db.isTransaction;
  if (savepoint) await sql`savepoint klaxon_incident_write`.execute(db);
  try {
    const result = await write();
    if (savepoint) await sql`release savepoint klaxon_incident_write`.execute(db);
    return result;
  } catch (error) {
    if (savepoint) {
      await sql`rollback to savepoint klaxon_incident_write`.execute(db);
      await sql`release savepoint klaxon_incident_write`.execute(db);
    }
    if (!isUniqueViolation(error)) throw error;
    throw new StoreConflictError(`${what}: an open incident with the same service and dedup key exists`, {
      cause: error,
    });
  }
}

/** The highest sequence number handed out so far. */
export async function currentSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('counters')
    .select('value')
    .where('name', '=', INCIDENT_SEQ_COUNTER)
    .executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/**
 * The open (not resolved) incident of a service with this dedup key. Inside a PostgreSQL transaction
 * the row is locked (`FOR UPDATE`) until commit, so two relays folding alerts into the same incident
 * at once do not lose a count; SQLite's write transactions are serialised already.
 */
export async function findOpenIncident(db: Db, engine: Engine, serviceId: string, dedupKey: string): Promise<Incident | undefined> {
  const row = await openIncidentByKey.executeTakeFirst(db, engine, { serviceId, dedupKey });
  return row && toIncident(row);
}

const openIncidentByKey = prepareLockingRead((db, slot: { serviceId: string; dedupKey: string }) =>
  db.selectFrom('incidents').selectAll().where('service_id', '=', slot.serviceId).where('dedup_key', '=', slot.dedupKey).where('status', '<>', RESOLVED),
);

/** Reads one incident; inside a PostgreSQL transaction it locks the row until commit (see above). */
export async function getIncident(db: Db, engine: Engine, id: string): Promise<Incident | undefined> {
  const row = await incidentById.executeTakeFirst(db, engine, { id });
  return row && toIncident(row);
}

/** Locks an incident's row until commit inside a PostgreSQL transaction; nothing to do on SQLite (see StoreSession.lockIncident). */
export async function lockIncident(db: Db, engine: Engine, id: string): Promise<void> {
  if (engine === 'postgres' && db.isTransaction) await incidentLock.execute(db, { id });
}

const incidentLock = prepareQuery((db, slot: { id: string }) => db.selectFrom('incidents').select('id').where('id', '=', slot.id).forUpdate());

const incidentById = prepareLockingRead((db, slot: { id: string }) => db.selectFrom('incidents').selectAll().where('id', '=', slot.id));

/** Every incident not resolved, oldest first (by first-seen time, then sequence). */
export async function listOpenIncidents(db: Db): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('status', '<>', RESOLVED)
    .orderBy('first_seen_ms')
    .orderBy('seq')
    .execute();
  return rows.map(toIncident);
}

/**
 * Incidents, newest change first (by sequence number), at most `limit`. `since` keeps those whose
 * latest instant (first seen, last seen, acknowledged, resolved) is at or after it.
 */
export async function listIncidents(
  db: Db,
  filter: { status?: Incident['status']; since?: Date; limit: number },
): Promise<Incident[]> {
  let query = db.selectFrom('incidents').selectAll();
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.since !== undefined) query = query.where('changed_ms', '>=', toMillis(filter.since, 'since'));
  const rows = await query.orderBy('seq', 'desc').limit(Math.max(0, Math.floor(filter.limit))).execute();
  return rows.map(toIncident);
}

/**
 * Inserts an incident with the next sequence number; a second open one for a dedup key conflicts.
 * On SQLite (whose write transactions run one at a time, and where a failed statement undoes only
 * itself) the row takes the number the counter will have and the counter moves after it: two
 * statements, and a conflict leaves the counter as it was. PostgreSQL takes the number first (the
 * counter row stays locked, so numbers become visible in order) under a savepoint.
 */
export async function insertIncident(db: Db, engine: Engine, incident: IncidentDraft, priorityRule: string | null = null): Promise<Incident> {
  const columns = incidentColumns(incident);
  const values = {
    ...(columns as Required<typeof columns>),
    id: incident.id,
    // Left out when no rule set the priority, so a store from before migration 0017 takes the row too.
    ...(priorityRule !== null ? { priority_rule: priorityRule } : {}),
    changed_ms: latestChangeMillis(incident) ?? toMillis(incident.firstSeenAt, 'incident.firstSeenAt'),
  };
  if (engine === 'sqlite') {
    let row;
    try {
      row = (await insertIncidentRow.executeTakeFirst(db, values))!;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new StoreConflictError(`Cannot insert incident ${incident.id}: an open incident with the same service and dedup key exists`, { cause: error });
    }
    await takeNextSeq(db);
    await writeSearchDocs(db, [incidentDoc(row)]);
    return toIncident(row);
  }
  return incidentWrite(db, `Cannot insert incident ${incident.id}`, async () => {
    const seq = await takeNextSeq(db);
    const row = await db
      .insertInto('incidents')
      .values({ ...values, seq })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeSearchDocs(db, [incidentDoc(row)]);
    return toIncident(row);
  });
}

/** The SQLite insert of an incident row: its number is the counter's next, taken after it. */
const insertIncidentRow = prepareQuery(
  (db, slot: Record<string, unknown>, row) =>
    db
      .insertInto('incidents')
      .values({ ...(slotRow(slot, row) as Insertable<IncidentsTable>), seq: sql<number>`(select value + 1 from counters where name = ${INCIDENT_SEQ_COUNTER})` })
      .returningAll(),
  columnsShape,
);

/** Takes the next sequence number for incident `id`, or none when there is no such incident. */
const nextSeqOf = prepareQuery((db, slot: { id: string }) =>
  db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', INCIDENT_SEQ_COUNTER)
    .where((eb) => eb.exists(eb.selectFrom('incidents').select('id').where('id', '=', slot.id)))
    .returning('value'),
);

/** Writes an incident's changed columns and number; `changed_ms` only ever moves forward. */
const updateIncidentRow = prepareQuery(
  (db, slot: Record<string, unknown>, args) => {
    const { id: _id, changed_ms: changed, ...columns } = args;
    const set: Record<string, unknown> = slotRow(slot, columns);
    if (changed !== undefined) set.changed_ms = sql<number>`case when changed_ms < ${slot.changed_ms} then ${slot.changed_ms} else changed_ms end`;
    return db.updateTable('incidents').set(set as Updateable<IncidentsTable>).where('id', '=', slot.id as string).returningAll();
  },
  columnsShape,
);

/** Fields whose change can collide with another open incident (the open-dedup unique index). */
const DEDUP_FIELDS = ['serviceId', 'dedupKey', 'status'] as const;

/**
 * Changes the fields present in `patch` (never the id) and gives the incident the next sequence
 * number, even for an empty patch; undefined when there is no such incident (and no number is used
 * up: the counter moves only when the incident exists). Only a patch that can collide with another
 * open incident runs under a savepoint.
 */
export async function updateIncident(db: Db, id: string, patch: Partial<IncidentDraft>): Promise<Incident | undefined> {
  const changed = latestChangeMillis(patch);
  const columns = incidentColumns(patch);
  const write = async () => {
    const taken = await nextSeqOf.executeTakeFirst(db, { id });
    if (!taken) return undefined;
    const row = await updateIncidentRow.executeTakeFirst(db, { ...columns, id, seq: Number(taken.value), changed_ms: changed });
    // The summary or source changed: its search document follows.
    if (row && (patch.summary !== undefined || patch.source !== undefined)) await writeSearchDocs(db, [incidentDoc(row)]);
    return row && toIncident(row);
  };
  return DEDUP_FIELDS.some((field) => patch[field] !== undefined) ? incidentWrite(db, `Cannot update incident ${id}`, write) : write();
}

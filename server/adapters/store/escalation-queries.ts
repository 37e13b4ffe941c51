import type { EscalationRecord } from '../../app/ports/paging-store.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { Db, Engine } from './database.js';
import { isoOf, parseJson } from './json.js';
import { prepareLockingRead, prepareQuery } from './prepared-query.js';

/**
 * Reads an incident's escalation. Inside a PostgreSQL transaction the row is locked (`FOR UPDATE`)
 * until the transaction ends, so a second relay stepping the same incident waits and then reads the
 * first one's write. SQLite needs no lock: its transactions begin IMMEDIATE and so have the database
 * to themselves.
 */
export async function getEscalation(db: Db, engine: Engine, incidentId: string): Promise<EscalationRecord | undefined> {
  const row = await escalationOf.executeTakeFirst(db, engine, { incidentId });
  return (
    row && {
      incidentId: row.incident_id,
      policy: parseJson<Policy>(row.policy, 'escalations.policy'),
      state: parseJson<unknown>(row.state, 'escalations.state'),
      updatedAt: new Date(row.updated_at),
    }
  );
}

const escalationOf = prepareLockingRead((db, slot: { incidentId: string }) => db.selectFrom('escalations').selectAll().where('incident_id', '=', slot.incidentId));

/** Adds an incident's escalation or replaces the one it has; the state must be JSON-serialisable. */
export async function saveEscalation(db: Db, record: EscalationRecord): Promise<void> {
  const state = JSON.stringify(record.state) as string | undefined;
  if (state === undefined) throw new Error(`The store cannot keep escalation state of incident ${record.incidentId}: not JSON`);
  const changes = {
    policy: JSON.stringify(record.policy),
    state,
    updated_at: isoOf(record.updatedAt, 'escalations.updated_at'),
  };
  await upsertEscalation.execute(db, { incident_id: record.incidentId, ...changes });
}

const upsertEscalation = prepareQuery((db, slot: { incident_id: string; policy: string; state: string; updated_at: string }) => {
  const changes = { policy: slot.policy, state: slot.state, updated_at: slot.updated_at };
  return db
    .insertInto('escalations')
    .values({ incident_id: slot.incident_id, ...changes })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes));
});

import type { EscalationRecord } from '../../app/ports/paging-store.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { Db, Engine } from './database.js';
import { isoOf, parseJson } from './json.js';

/**
 * Reads an incident's escalation. Inside a PostgreSQL transaction the row is locked (`FOR UPDATE`)
 * until the transaction ends, so a second relay stepping the same incident waits and then reads the
 * first one's write. SQLite needs no lock: its transactions begin IMMEDIATE and so have the database
 * to themselves.
 */
export async function getEscalation(db: Db, engine: Engine, incidentId: string): Promise<EscalationRecord | undefined> {
  const query = db.selectFrom('escalations').selectAll().where('incident_id', '=', incidentId);
  const row = await (engine === 'postgres' && db.isTransaction ? query.forUpdate() : query).executeTakeFirst();
  return (
    row && {
      incidentId: row.incident_id,
      policy: parseJson<Policy>(row.policy, 'escalations.policy'),
      state: parseJson<unknown>(row.state, 'escalations.state'),
      updatedAt: new Date(row.updated_at),
    }
  );
}

/** Adds an incident's escalation or replaces the one it has; the state must be JSON-serialisable. */
export async function saveEscalation(db: Db, record: EscalationRecord): Promise<void> {
  const state = JSON.stringify(record.state) as string | undefined;
  if (state === undefined) throw new Error(`The store cannot keep escalation state of incident ${record.incidentId}: not JSON`);
  const changes = {
    policy: JSON.stringify(record.policy),
    state,
    updated_at: isoOf(record.updatedAt, 'escalations.updated_at'),
  };
  await db
    .insertInto('escalations')
    .values({ incident_id: record.incidentId, ...changes })
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(changes))
    .execute();
}

import { sql, type Selectable } from 'kysely';
import type { JobRecord } from '../../app/ports/store.js';
import type { Db, Engine, JobsTable } from './database.js';
import { parseJson, toMillis } from './json.js';
import { prepareQuery } from './prepared-query.js';

const JOB_COLUMNS = [
  'jobs.id',
  'jobs.kind',
  'jobs.incident_id',
  'jobs.due_at',
  'jobs.payload',
  'jobs.attempts',
] as const;

type JobRow = Pick<Selectable<JobsTable>, 'id' | 'kind' | 'incident_id' | 'due_at' | 'payload' | 'attempts'>;

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    incidentId: row.incident_id,
    dueAt: new Date(Number(row.due_at)),
    payload: parseJson<JobRecord['payload']>(row.payload, 'jobs.payload'),
    attempts: Number(row.attempts),
  };
}

/** Adds a job or replaces the one with the same id; a replaced job loses any lease it had. */
export async function upsertJob(db: Db, job: JobRecord): Promise<void> {
  const changes = {
    kind: job.kind,
    incident_id: job.incidentId,
    due_at: toMillis(job.dueAt, 'job.dueAt'),
    payload: JSON.stringify(job.payload),
    attempts: job.attempts,
    lease_owner: null,
    lease_until: null,
  };
  await upsertJobRow.execute(db, { id: job.id, ...changes });
}

const upsertJobRow = prepareQuery(
  (db, slot: { id: string; kind: string; incident_id: string | null; due_at: number; payload: string; attempts: number; lease_owner: null; lease_until: null }) => {
    const changes = {
      kind: slot.kind,
      incident_id: slot.incident_id,
      due_at: slot.due_at,
      payload: slot.payload,
      attempts: slot.attempts,
      lease_owner: slot.lease_owner,
      lease_until: slot.lease_until,
    };
    return db
      .insertInto('jobs')
      .values({ id: slot.id, ...changes })
      .onConflict((oc) => oc.column('id').doUpdateSet(changes));
  },
);

/** Removes a job (done, or no longer wanted). */
export async function deleteJob(db: Db, id: string): Promise<void> {
  await db.deleteFrom('jobs').where('id', '=', id).execute();
}

/**
 * Removes a job that ran to completion, but only while `owner` still holds its lease, and tells
 * whether it did. `upsertJob` ends the lease, so a job its handler re-scheduled under the same id
 * stays; so does one whose lease ran out and that another relay has claimed since.
 */
export async function completeJob(db: Db, id: string, owner: string): Promise<boolean> {
  const result = await db.deleteFrom('jobs').where('id', '=', id).where('lease_owner', '=', owner).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many ids one delete names at most (well under SQLite's and PostgreSQL's parameter limits). */
const IDS_PER_DELETE = 500;

/**
 * Removes the jobs of `ids` that `owner` still holds, as `completeJob` does for one, in one statement
 * per 500 ids; returns how many it removed.
 */
export async function completeJobs(db: Db, ids: readonly string[], owner: string): Promise<number> {
  let removed = 0;
  for (let from = 0; from < ids.length; from += IDS_PER_DELETE) {
    const chunk = ids.slice(from, from + IDS_PER_DELETE);
    const result = await db.deleteFrom('jobs').where('id', 'in', chunk).where('lease_owner', '=', owner).executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  return removed;
}

/** Removes an incident's jobs, of one kind or all of them. */
export async function deleteJobsOfIncident(db: Db, incidentId: string, kind?: string): Promise<void> {
  let query = db.deleteFrom('jobs').where('incident_id', '=', incidentId);
  if (kind !== undefined) query = query.where('kind', '=', kind);
  await query.execute();
}

/**
 * Selects the ids of up to `limit` due jobs with no live lease, earliest first: a lease is dead once
 * it has run out, or once its node's heartbeat has (the node died holding it) unless that node is the
 * claimer itself (a heartbeat held up by a busy database does not make it re-run its own jobs). On PostgreSQL the
 * rows are locked and rows another transaction holds are skipped (`FOR UPDATE SKIP LOCKED`); SQLite
 * has one writer at a time, so its single UPDATE statement is already atomic.
 */
function claimableJobIds(db: Db, engine: Engine, nowMs: number, limit: number, owner: string) {
  const query = db
    .selectFrom('jobs')
    .select('id')
    .where('due_at', '<=', nowMs)
    .where((eb) =>
      eb.or([
        eb('lease_until', 'is', null),
        eb('lease_until', '<=', nowMs),
        // A claimer is alive whatever its last heartbeat says: it never takes its own jobs for a dead node's.
        eb('lease_owner', 'in', eb.selectFrom('relay_nodes').select('node_id').where('alive_until', '<=', nowMs).where('node_id', '<>', owner)),
      ]),
    )
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit);
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * Claims up to `limit` jobs due at or before `now` for `owner` until `now + leaseMs`, adding one to
 * their attempts, and returns them earliest first. The candidates are a materialized CTE so that
 * PostgreSQL runs the locking, limited select exactly once.
 */
export async function claimDueJobs(
  db: Db,
  engine: Engine,
  now: Date,
  limit: number,
  owner: string,
  leaseMs: number,
): Promise<JobRecord[]> {
  const nowMs = toMillis(now, 'now');
  const count = Math.floor(limit);
  if (count <= 0) return [];
  const rows = await db
    .with((cte) => cte('claimable').materialized(), () => claimableJobIds(db, engine, nowMs, count, owner))
    .updateTable('jobs')
    .from('claimable')
    .set((eb) => ({
      lease_owner: owner,
      lease_until: nowMs + Math.max(0, Math.floor(leaseMs)),
      attempts: eb('jobs.attempts', '+', 1),
    }))
    .whereRef('jobs.id', '=', 'claimable.id')
    .returning(JOB_COLUMNS)
    .execute();
  return rows.map(toJob).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
}

/**
 * The next time a relay should look for work: the earliest due time of the jobs with no live lease
 * at `now`, and for leased jobs the time their lease runs out or their node's heartbeat does, since
 * a crashed relay's job becomes claimable again then (a relay that finishes in time deletes it, and
 * the wake-up finds nothing).
 */
export async function nextDueAt(db: Db, now: Date): Promise<Date | undefined> {
  const nowMs = toMillis(now, 'now');
  // Two reads an index answers, rather than one pass over every row: the earliest row nobody holds
  // (jobs_due_at, in order), and the few rows held now (jobs_lease_owner: at most what the relays have in hand).
  const free = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('due_at').as('next'))
    .where('lease_owner', 'is', null)
    .executeTakeFirst();
  const held = await db
    .selectFrom('jobs')
    .leftJoin('relay_nodes', 'relay_nodes.node_id', 'jobs.lease_owner')
    .select(
      sql<number | string | null>`min(case
        when jobs.lease_until is null or jobs.lease_until <= ${nowMs} then jobs.due_at
        when relay_nodes.alive_until is not null and relay_nodes.alive_until <= ${nowMs} then jobs.due_at
        when relay_nodes.alive_until is not null and relay_nodes.alive_until < jobs.lease_until then
          case when jobs.due_at > relay_nodes.alive_until then jobs.due_at else relay_nodes.alive_until end
        when jobs.due_at > jobs.lease_until then jobs.due_at
        else jobs.lease_until end)`.as('next'),
    )
    // ">= ''" is "is not null" for a text column, put so that the index takes it as a range.
    .where('jobs.lease_owner', '>=', '')
    .executeTakeFirst();
  const times = [free?.next, held?.next].filter((v) => v !== null && v !== undefined).map(Number);
  return times.length ? new Date(Math.min(...times)) : undefined;
}

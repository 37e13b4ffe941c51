import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { GENESIS_HASH } from '../../../core/audit/chain-hash.js';
import { timelineRowHash } from '../../../core/audit/chain-rows.js';
import { sha256Hex } from '../chain-digest.js';
import type { Engine } from '../database.js';

/** How many timeline rows the backfill reads at once. */
const BACKFILL_BATCH = 1000;

interface TimelineRow {
  pos: number;
  id: string;
  incident_id: string;
  at: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  data: string;
}

/**
 * Chains every incident's existing timeline: each row gets the hash of the incident's previous row
 * (by append position) and its own, exactly as `appendTimeline` computes them from now on.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migration runs on the schema as it was then.
async function backfillTimelineChain(db: Kysely<any>): Promise<void> {
  let last: { incidentId: string; pos: number; hash: string } | undefined;
  for (;;) {
    let query = db
      .selectFrom('timeline_events')
      .select(['pos', 'id', 'incident_id', 'at', 'type', 'actor_type', 'actor_id', 'data']);
    if (last) {
      const { incidentId, pos } = last;
      query = query.where((eb) =>
        eb.or([eb('incident_id', '>', incidentId), eb.and([eb('incident_id', '=', incidentId), eb('pos', '>', pos)])]),
      );
    }
    const rows = (await query.orderBy('incident_id').orderBy('pos').limit(BACKFILL_BATCH).execute()) as TimelineRow[];
    if (rows.length === 0) return;
    for (const row of rows) {
      const prevHash = last && last.incidentId === row.incident_id ? last.hash : GENESIS_HASH;
      const hash = timelineRowHash(sha256Hex, prevHash, {
        id: row.id,
        incidentId: row.incident_id,
        at: row.at,
        type: row.type,
        actorType: row.actor_type,
        actorId: row.actor_id,
        data: row.data,
      });
      await db.updateTable('timeline_events').set({ prev_hash: prevHash, hash }).where('pos', '=', row.pos).execute();
      last = { incidentId: row.incident_id, pos: Number(row.pos), hash };
    }
  }
}

/**
 * Adds the hash-chained audit trail (`audit_events`, seq = chain order), the login throttle counts
 * (`login_throttles`), and the per-incident hash chain of timeline events (`prev_hash`, `hash`, with
 * the existing rows chained in append order).
 */
export function auditMigration(engine: Engine): Migration {
  const bigint = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see backfillTimelineChain.
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('audit_events')
        .addColumn('seq', bigint, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('address', 'text')
        .addColumn('subject_kind', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_at_ms').on('audit_events').column('at_ms').execute();
      await db.schema.createIndex('audit_events_action').on('audit_events').columns(['action', 'seq']).execute();
      await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor_id', 'seq']).execute();
      await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['subject_kind', 'subject_id', 'seq']).execute();

      await db.schema
        .createTable('login_throttles')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_ms', 'bigint', (c) => c.notNull())
        .addColumn('locked_ms', 'bigint')
        .execute();

      await db.schema.alterTable('timeline_events').addColumn('prev_hash', 'text').execute();
      await db.schema.alterTable('timeline_events').addColumn('hash', 'text').execute();
      await db.schema.createIndex('timeline_events_chain').on('timeline_events').columns(['incident_id', 'pos']).execute();
      await backfillTimelineChain(db);
    },
  };
}

import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { GENESIS_HASH } from '../../core/audit/chain-hash.js';
import { timelineRowHash } from '../../core/audit/chain-rows.js';
import { sha256Hex } from './chain-digest.js';
import type { Db, Engine } from './database.js';
import { toMillis } from './json.js';

/** How many timeline rows one multi-row INSERT carries. */
const CHUNK = 100;

/**
 * Appends many events at once (a level's `page.queued` or `page.sent` events), in order, to their
 * incidents' hash chains: per incident one read of the chain's last hash and multi-row inserts, with
 * each row's hash chained in memory exactly as `appendTimeline` chains one row. Runs inside the
 * caller's transaction (PostgreSQL locks each incident row first, as `appendTimeline` does).
 */
export async function appendTimelines(db: Db, engine: Engine, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((tx) => appendTimelines(tx, engine, events));
  const byIncident = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const list = byIncident.get(event.incidentId) ?? [];
    byIncident.set(event.incidentId, list);
    list.push(event);
  }
  for (const [incidentId, list] of byIncident) {
    if (engine === 'postgres') await db.selectFrom('incidents').select('id').where('id', '=', incidentId).forUpdate().execute();
    const previous = await db
      .selectFrom('timeline_events')
      .select('hash')
      .where('incident_id', '=', incidentId)
      .orderBy('pos', 'desc')
      .limit(1)
      .executeTakeFirst();
    // A row whose hash was wiped still gets a successor; the verifier names the wiped row.
    let prevHash = previous ? (previous.hash ?? '') : GENESIS_HASH;
    const rows = list.map((event) => {
      const row = {
        id: event.id,
        incident_id: event.incidentId,
        at: event.at,
        at_ms: toMillis(event.at, 'timeline.at'),
        type: event.type,
        actor_type: event.actor.type,
        actor_id: event.actor.id,
        data: JSON.stringify(event.data),
      };
      const hash = timelineRowHash(sha256Hex, prevHash, {
        id: row.id,
        incidentId: row.incident_id,
        at: row.at,
        type: row.type,
        actorType: row.actor_type,
        actorId: row.actor_id,
        data: row.data,
      });
      const stored = { ...row, prev_hash: prevHash, hash };
      prevHash = hash;
      return stored;
    });
    for (let i = 0; i < rows.length; i += CHUNK) await db.insertInto('timeline_events').values(rows.slice(i, i + CHUNK)).execute();
  }
}

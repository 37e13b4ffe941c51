import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import type { Db, Engine } from './database.js';
import { type ChainTips, chainedRow, chainTip } from './history-queries.js';
import { prepareQuery, rowSlots, rowsArgs, rowsShape, type RowsArgs } from './prepared-query.js';
import { timelineDoc } from './search-docs.js';
import { writeSearchDocs } from './search-index-queries.js';

/** How many timeline rows one multi-row INSERT carries. */
const CHUNK = 100;

const insertTimelineRows = prepareQuery(
  (db, slot: RowsArgs<ReturnType<typeof chainedRow>>, { rows }) => db.insertInto('timeline_events').values(rowSlots(slot, rows)),
  rowsShape,
);

/**
 * Appends many events at once (a level's `page.queued` or `page.sent` events), in order, to their
 * incidents' hash chains: per incident one read of the chain's last hash and multi-row inserts, with
 * each row's hash chained in memory exactly as `appendTimeline` chains one row, and the transaction's
 * remembered tips kept current. Runs inside the caller's transaction (PostgreSQL locks each incident
 * row first, as `appendTimeline` does).
 */
export async function appendTimelines(db: Db, engine: Engine, events: readonly TimelineEvent[], tips?: ChainTips): Promise<void> {
  if (events.length === 0) return;
  if (!db.isTransaction) return db.transaction().execute((tx) => appendTimelines(tx, engine, events));
  const byIncident = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const list = byIncident.get(event.incidentId) ?? [];
    byIncident.set(event.incidentId, list);
    list.push(event);
  }
  for (const [incidentId, list] of byIncident) {
    let prevHash = await chainTip(db, engine, incidentId, tips);
    const rows = list.map((event) => {
      const row = chainedRow(event, prevHash);
      prevHash = row.hash;
      return row;
    });
    for (let i = 0; i < rows.length; i += CHUNK) await insertTimelineRows.execute(db, rowsArgs(rows.slice(i, i + CHUNK)));
    tips?.set(incidentId, prevHash);
  }
  // Notes and evidence descriptions are searched (a batch of pages carries none: no extra statement).
  await writeSearchDocs(db, events.flatMap((event) => timelineDoc(event) ?? []));
}

import type { Alert } from '../../../shared/schemas/alert.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { GENESIS_HASH } from '../../core/audit/chain-hash.js';
import { timelineRowHash } from '../../core/audit/chain-rows.js';
import { sha256Hex } from './chain-digest.js';
import type { Insertable } from 'kysely';
import type { AlertsTable, Db, Engine } from './database.js';
import { parseJson, toMillis } from './json.js';
import { columnsShape, prepareQuery, slotRow } from './prepared-query.js';
import { alertTerms, timelineDoc } from './search-docs.js';
import { writeSearchDocs } from './search-index-queries.js';

/** Stores an alert folded into an incident, with its search terms (the index follows in the same statement). */
export async function insertAlert(db: Db, alert: Alert): Promise<void> {
  await insertAlertRow.execute(db, {
    id: alert.id,
    incident_id: alert.incidentId,
    service_id: alert.serviceId,
    integration_type: alert.integrationType,
    action: alert.action,
    dedup_key: alert.dedupKey,
    summary: alert.summary,
    severity: alert.severity,
    source: alert.source,
    received_at: alert.receivedAt,
    payload: alert.payload === undefined ? null : JSON.stringify(alert.payload),
    search_terms: alertTerms(alert),
  });
}

const insertAlertRow = prepareQuery(
  (db, slot: Insertable<AlertsTable> & Record<string, unknown>, row) => db.insertInto('alerts').values(slotRow(slot, row)),
  columnsShape,
);

/** The latest `limit` alerts of an incident, returned oldest first (in arrival order). */
export async function listAlerts(db: Db, incidentId: string, limit: number): Promise<Alert[]> {
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('pos', 'desc')
    .limit(Math.max(0, Math.floor(limit)))
    .execute();
  return rows.reverse().map((row) => ({
    id: row.id,
    incidentId: row.incident_id,
    serviceId: row.service_id,
    integrationType: row.integration_type as Alert['integrationType'],
    action: row.action as Alert['action'],
    dedupKey: row.dedup_key,
    summary: row.summary,
    severity: row.severity as Alert['severity'],
    source: row.source,
    receivedAt: row.received_at,
    payload: row.payload === null ? undefined : parseJson<unknown>(row.payload, 'alerts.payload'),
  }));
}

/**
 * The hash of each incident's newest timeline row as one transaction wrote or saw it, so that its
 * next append need not read it back (ingest appends three or four rows to the incident it opened).
 */
export type ChainTips = Map<string, string>;

/**
 * Appends one event to an incident's timeline, chained to the incident's previous row: it carries
 * that row's hash and the SHA-256 of it plus its own content. On PostgreSQL the incident row is
 * locked first, so two relays appending to one incident never give two rows the same predecessor;
 * outside a transaction the append opens its own. Inside a transaction, `tips` (the transaction's
 * own) spares the read of the previous row's hash, and the lock, once this transaction holds them.
 */
export async function appendTimeline(db: Db, engine: Engine, event: TimelineEvent, tips?: ChainTips): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((tx) => appendTimeline(tx, engine, event));
  const row = chainedRow(event, await chainTip(db, engine, event.incidentId, tips));
  await insertTimelineRow.execute(db, row);
  tips?.set(event.incidentId, row.hash);
  // Notes and evidence descriptions are searched: their document goes in with the row.
  const doc = timelineDoc(event);
  if (doc) await writeSearchDocs(db, [doc]);
}

/**
 * The hash an incident's next timeline row chains onto: the transaction's remembered tip, or one
 * read of the last row (PostgreSQL locks the incident row first, so two transactions never chain
 * onto the same tip).
 */
export async function chainTip(db: Db, engine: Engine, incidentId: string, tips?: ChainTips): Promise<string> {
  const remembered = tips?.get(incidentId);
  if (remembered !== undefined) return remembered;
  if (engine === 'postgres') {
    await db.selectFrom('incidents').select('id').where('id', '=', incidentId).forUpdate().execute();
  }
  const previous = await lastTimelineHash.executeTakeFirst(db, { incidentId });
  // A row whose hash was wiped still gets a successor; the verifier names the wiped row.
  return previous ? (previous.hash ?? '') : GENESIS_HASH;
}

const insertTimelineRow = prepareQuery(
  (db, slot: ReturnType<typeof chainedRow>, row) => db.insertInto('timeline_events').values(slotRow(slot, row)),
  columnsShape,
);

const lastTimelineHash = prepareQuery((db, slot: { incidentId: string }) =>
  db.selectFrom('timeline_events').select('hash').where('incident_id', '=', slot.incidentId).orderBy('pos', 'desc').limit(1),
);

/** The stored row of a timeline event chained onto `prevHash`, with its own hash. */
export function chainedRow(event: TimelineEvent, prevHash: string) {
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
  return { ...row, prev_hash: prevHash, hash };
}

/** Tells the transaction's chain tips that `incidentId` was just inserted: its timeline is empty. */
export function startChain(tips: ChainTips, incidentId: string): void {
  tips.set(incidentId, GENESIS_HASH);
}

/** An incident's whole timeline in time order; events at the same instant keep their append order. */
export async function listTimeline(db: Db, incidentId: string): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom('timeline_events')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('at_ms')
    .orderBy('pos')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    type: row.type as TimelineEvent['type'],
    actor: { type: row.actor_type as TimelineEvent['actor']['type'], id: row.actor_id },
    data: parseJson<TimelineEvent['data']>(row.data, 'timeline_events.data'),
  }));
}

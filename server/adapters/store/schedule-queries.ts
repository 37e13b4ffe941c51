import type { Selectable } from 'kysely';
import type {
  CalendarFeedRecord,
  HandledActivityRecord,
  PageActivityRecord,
  ScheduleSourceRecord,
  SwapFilter,
} from '../../app/ports/schedule-store.js';
import type { SwapRequest, SwapStatus } from '../../../shared/schemas/swap.js';
import type { Db } from './database.js';
import { toMillis } from './json.js';
import type { SwapRequestsTable } from './schedule-tables.js';

function toSwap(row: Selectable<SwapRequestsTable>): SwapRequest {
  return {
    id: row.id,
    scheduleId: row.schedule_id,
    requester: row.requester,
    target: row.target,
    start: row.start_local,
    end: row.end_local,
    note: row.note,
    status: row.status as SwapStatus,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}

/** Stores a new swap request. */
export async function insertSwap(db: Db, swap: SwapRequest): Promise<void> {
  await db
    .insertInto('swap_requests')
    .values({
      id: swap.id,
      schedule_id: swap.scheduleId,
      requester: swap.requester,
      target: swap.target,
      start_local: swap.start,
      end_local: swap.end,
      note: swap.note,
      status: swap.status,
      created_at: swap.createdAt,
      created_ms: toMillis(swap.createdAt, 'swap.createdAt'),
      decided_at: swap.decidedAt,
      decided_by: swap.decidedBy,
    })
    .execute();
}

/** Reads one swap request. */
export async function getSwap(db: Db, id: string): Promise<SwapRequest | undefined> {
  const row = await db.selectFrom('swap_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSwap(row) : undefined;
}

/** Lists swap requests matching every given filter, newest first. */
export async function listSwaps(db: Db, filter: SwapFilter): Promise<SwapRequest[]> {
  let query = db.selectFrom('swap_requests').selectAll();
  if (filter.scheduleId !== undefined) query = query.where('schedule_id', '=', filter.scheduleId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  const userId = filter.userId;
  if (userId !== undefined) query = query.where((eb) => eb.or([eb('requester', '=', userId), eb('target', '=', userId)]));
  const rows = await query.orderBy('created_ms', 'desc').orderBy('id').execute();
  return rows.map(toSwap);
}

/** Settles a request only while it is pending (compare-and-set), telling whether it did. */
export async function settleSwap(db: Db, id: string, status: SwapStatus, decidedAt: Date, decidedBy: string): Promise<boolean> {
  const result = await db
    .updateTable('swap_requests')
    .set({ status, decided_at: decidedAt.toISOString(), decided_by: decidedBy })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Adds or replaces the feed of (kind, subject); the old token stops working at once. */
export async function saveCalendarFeed(db: Db, feed: CalendarFeedRecord): Promise<void> {
  const values = { kind: feed.kind, subject: feed.subject, token_hash: feed.tokenHash, created_at: feed.createdAt.toISOString() };
  await db
    .insertInto('calendar_feeds')
    .values(values)
    .onConflict((oc) => oc.columns(['kind', 'subject']).doUpdateSet({ token_hash: values.token_hash, created_at: values.created_at }))
    .execute();
}

function toFeed(row: { kind: string; subject: string; token_hash: string; created_at: string }): CalendarFeedRecord {
  return { kind: row.kind as CalendarFeedRecord['kind'], subject: row.subject, tokenHash: row.token_hash, createdAt: new Date(row.created_at) };
}

/** Reads the feed of (kind, subject). */
export async function getCalendarFeed(db: Db, kind: CalendarFeedRecord['kind'], subject: string): Promise<CalendarFeedRecord | undefined> {
  const row = await db.selectFrom('calendar_feeds').selectAll().where('kind', '=', kind).where('subject', '=', subject).executeTakeFirst();
  return row ? toFeed(row) : undefined;
}

/** Finds a feed by the SHA-256 hex of its token. */
export async function findCalendarFeed(db: Db, tokenHash: string): Promise<CalendarFeedRecord | undefined> {
  const row = await db.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toFeed(row) : undefined;
}

/** Reads where a schedule came from. */
export async function getScheduleSource(db: Db, scheduleId: string): Promise<ScheduleSourceRecord | undefined> {
  const row = await db.selectFrom('schedule_sources').selectAll().where('schedule_id', '=', scheduleId).executeTakeFirst();
  if (!row) return undefined;
  return {
    scheduleId: row.schedule_id,
    configDigest: row.config_digest,
    editedAt: row.edited_at === null ? null : new Date(row.edited_at),
    editedBy: row.edited_by,
  };
}

/** Adds or replaces where a schedule came from. */
export async function saveScheduleSource(db: Db, source: ScheduleSourceRecord): Promise<void> {
  const values = {
    schedule_id: source.scheduleId,
    config_digest: source.configDigest,
    edited_at: source.editedAt ? source.editedAt.toISOString() : null,
    edited_by: source.editedBy,
  };
  await db
    .insertInto('schedule_sources')
    .values(values)
    .onConflict((oc) =>
      oc.column('schedule_id').doUpdateSet({ config_digest: values.config_digest, edited_at: values.edited_at, edited_by: values.edited_by }),
    )
    .execute();
}

/** Pages created in [from, to) with their incident's team, oldest first. */
export async function listPageActivity(db: Db, from: Date, to: Date): Promise<PageActivityRecord[]> {
  const rows = await db
    .selectFrom('pages')
    .innerJoin('incidents', 'incidents.id', 'pages.incident_id')
    .select(['pages.user_id', 'pages.incident_id', 'incidents.team_id', 'pages.created_ms'])
    .where('pages.created_ms', '>=', from.getTime())
    .where('pages.created_ms', '<', to.getTime())
    .orderBy('pages.created_ms')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, incidentId: r.incident_id, teamId: r.team_id, at: new Date(Number(r.created_ms)) }));
}

/** Acknowledgements and resolutions made by people in [from, to), with the incident's team. */
export async function listHandledActivity(db: Db, from: Date, to: Date): Promise<HandledActivityRecord[]> {
  const rows = await db
    .selectFrom('timeline_events')
    .innerJoin('incidents', 'incidents.id', 'timeline_events.incident_id')
    .select(['timeline_events.actor_id', 'timeline_events.incident_id', 'incidents.team_id', 'timeline_events.at_ms'])
    .where('timeline_events.type', 'in', ['incident.acknowledged', 'incident.resolved'])
    .where('timeline_events.actor_type', '=', 'user')
    .where('timeline_events.actor_id', 'is not', null)
    .where('timeline_events.at_ms', '>=', from.getTime())
    .where('timeline_events.at_ms', '<', to.getTime())
    .orderBy('timeline_events.at_ms')
    .execute();
  return rows.map((r) => ({ userId: r.actor_id!, incidentId: r.incident_id, teamId: r.team_id, at: new Date(Number(r.at_ms)) }));
}

import { sql, type Selectable } from 'kysely';
import type { AuditDraft, AuditFilter, AuditRecord, TimelineChainEntry, TimelineCursor } from '../../app/ports/audit-store.js';
import type { AuditAction } from '../../app/ports/audit.js';
import { canonicalJson } from '../../app/config/canonical.js';
import { GENESIS_HASH } from '../../core/audit/chain-hash.js';
import { auditRowHash, type AuditChainRow } from '../../core/audit/chain-rows.js';
import { sha256Hex } from './chain-digest.js';
import type { Db, Engine } from './database.js';
import { isoOf, parseJson, toMillis } from './json.js';

/** One row of the append-only audit trail; `hash` covers the row's content and `prev_hash`. */
export interface AuditEventsTable {
  seq: number;
  at: string;
  at_ms: number;
  action: string;
  actor_id: string | null;
  address: string | null;
  subject_kind: string | null;
  subject_id: string | null;
  /** Canonical JSON text (sorted keys), hashed as stored. */
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The key of the PostgreSQL advisory lock that serialises audit appends across relays ("KLAXON" in
 * ASCII). Transaction-level: it is released when the appending transaction ends.
 */
export const AUDIT_CHAIN_LOCK = 0x4b4c41584f4e;

function toRecord(row: Selectable<AuditEventsTable>): AuditRecord {
  return {
    seq: row.seq,
    at: new Date(row.at),
    action: row.action as AuditAction,
    actorId: row.actor_id,
    address: row.address,
    subject: row.subject_kind !== null && row.subject_id !== null ? { kind: row.subject_kind, id: row.subject_id } : null,
    details: parseJson<Record<string, unknown>>(row.details, 'audit_events.details'),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Appends an event at the head of the chain; see `AuditSession.appendAuditEvent`. */
export async function appendAuditEvent(db: Db, engine: Engine, draft: AuditDraft): Promise<AuditRecord> {
  if (!db.isTransaction) return db.transaction().execute((tx) => appendAuditEvent(tx, engine, draft));
  // Taken before the head is read: a second relay's append waits here until this one commits.
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)})`.execute(db);
  const head = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const content = {
    seq: (head?.seq ?? 0) + 1,
    at: isoOf(draft.at, 'audit_events.at'),
    action: draft.action,
    actorId: draft.actorId,
    address: draft.address,
    subjectKind: draft.subject?.kind ?? null,
    subjectId: draft.subject?.id ?? null,
    details: canonicalJson(draft.details),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = auditRowHash(sha256Hex, prevHash, content);
  const row: AuditEventsTable = {
    seq: content.seq,
    at: content.at,
    at_ms: toMillis(draft.at, 'audit_events.at'),
    action: content.action,
    actor_id: content.actorId,
    address: content.address,
    subject_kind: content.subjectKind,
    subject_id: content.subjectId,
    details: content.details,
    prev_hash: prevHash,
    hash,
  };
  await db.insertInto('audit_events').values(row).execute();
  return toRecord(row);
}

/** Audit events matching `filter`, newest first. */
export async function listAuditEvents(db: Db, filter: AuditFilter): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.subjectKind !== undefined) query = query.where('subject_kind', '=', filter.subjectKind);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from !== undefined) query = query.where('at_ms', '>=', toMillis(filter.from, 'from'));
  if (filter.to !== undefined) query = query.where('at_ms', '<', toMillis(filter.to, 'to'));
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(Math.max(0, Math.floor(filter.limit))).execute();
  return rows.map(toRecord);
}

/** Audit rows as stored, in seq order after `afterSeq`. */
export async function readAuditChain(db: Db, afterSeq: number, limit: number): Promise<AuditChainRow[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(Math.max(0, Math.floor(limit)))
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    action: row.action,
    actorId: row.actor_id,
    address: row.address,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

/** Timeline rows as stored, by incident and append position, after `cursor`. */
export async function readTimelineChain(db: Db, cursor: TimelineCursor | undefined, limit: number): Promise<TimelineChainEntry[]> {
  let query = db.selectFrom('timeline_events').selectAll();
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('incident_id', '>', cursor.incidentId),
        eb.and([eb('incident_id', '=', cursor.incidentId), eb('pos', '>', cursor.pos)]),
      ]),
    );
  }
  const rows = await query.orderBy('incident_id').orderBy('pos').limit(Math.max(0, Math.floor(limit))).execute();
  return rows.map((row) => ({
    pos: Number(row.pos),
    id: row.id,
    incidentId: row.incident_id,
    at: row.at,
    type: row.type,
    actorType: row.actor_type,
    actorId: row.actor_id,
    data: row.data,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

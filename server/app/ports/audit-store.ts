import type { AuditChainRow, TimelineChainRow } from '../../core/audit/chain-rows.js';
import type { AuditAction } from './audit.js';

/** An audit event as the trail hands it to the store; the store adds seq and the hashes. */
export interface AuditDraft {
  at: Date;
  action: AuditAction;
  actorId: string | null;
  address: string | null;
  subject: { kind: string; id: string } | null;
  details: Record<string, unknown>;
}

/** An audit event as stored, with its place in the chain. */
export interface AuditRecord extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

/** What `listAuditEvents` filters on; every field narrows, `beforeSeq` pages back (newest first). */
export interface AuditFilter {
  action?: AuditAction;
  actorId?: string;
  subjectKind?: string;
  subjectId?: string;
  /** Events at or after this instant. */
  from?: Date;
  /** Events before this instant. */
  to?: Date;
  /** Events with a seq below this one (the cursor of the next page). */
  beforeSeq?: number;
  limit: number;
}

/** A timeline row for the chain walk, with its position for the next page's cursor. */
export interface TimelineChainEntry extends TimelineChainRow {
  pos: number;
}

/** Where a timeline chain walk goes on: after this incident's row at this position. */
export interface TimelineCursor {
  incidentId: string;
  pos: number;
}

/** The store calls of the audit trail and the chain verifier. */
export interface AuditSession {
  /**
   * Appends an event at the head of the audit chain (seq = head + 1, `prev_hash` = head's hash). On
   * PostgreSQL the append holds a transaction-level advisory lock, so that two relays never give two
   * events the same predecessor; SQLite transactions are serialised already. Outside a transaction it
   * opens its own.
   */
  appendAuditEvent(draft: AuditDraft): Promise<AuditRecord>;
  /** Audit events matching `filter`, newest (highest seq) first, at most `filter.limit`. */
  listAuditEvents(filter: AuditFilter): Promise<AuditRecord[]>;
  /** Audit rows exactly as stored, in seq order, after `afterSeq`, at most `limit`. */
  readAuditChain(afterSeq: number, limit: number): Promise<AuditChainRow[]>;
  /**
   * Timeline rows exactly as stored, ordered by incident and then append position, after `cursor`
   * (from the start when undefined), at most `limit`.
   */
  readTimelineChain(cursor: TimelineCursor | undefined, limit: number): Promise<TimelineChainEntry[]>;
}

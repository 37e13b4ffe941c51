import { GENESIS_HASH, type Digest } from './chain-hash.js';
import { auditRowHash, timelineRowHash, type AuditChainRow, type TimelineChainRow } from './chain-rows.js';

/** The first row of a chain that does not hold: which table, which row, which field, expected vs found. */
export interface ChainBreak {
  table: 'audit_events' | 'timeline_events';
  /** The audit event's seq, or the timeline event's id. */
  row: string;
  /** The incident whose timeline broke (timeline rows only). */
  incidentId?: string;
  field: 'seq' | 'prev_hash' | 'hash';
  expected: string;
  found: string;
}

const shown = (value: string | number | null): string => (value === null ? '(null)' : String(value));

/**
 * Checks one audit row (hashing with `digest`) against the row before it (undefined for the first row): its seq must follow
 * on, its `prev_hash` must be the previous row's hash, and its hash must match its content. Returns
 * the break, or undefined when the row holds.
 */
export function checkAuditRow(digest: Digest, previous: AuditChainRow | undefined, row: AuditChainRow): ChainBreak | undefined {
  const at = (field: ChainBreak['field'], expected: string | number | null, found: string | number | null): ChainBreak => ({
    table: 'audit_events',
    row: String(row.seq),
    field,
    expected: shown(expected),
    found: shown(found),
  });
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (row.seq !== expectedSeq) return at('seq', expectedSeq, row.seq);
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (row.prevHash !== expectedPrev) return at('prev_hash', expectedPrev, row.prevHash);
  const expectedHash = auditRowHash(digest, expectedPrev ?? GENESIS_HASH, row);
  if (row.hash !== expectedHash) return at('hash', expectedHash, row.hash);
  return undefined;
}

/**
 * Checks one timeline row (hashing with `digest`) against the previous row of the same incident (undefined for the
 * incident's first row): its `prev_hash` must be that row's hash and its hash must match its content.
 */
export function checkTimelineRow(
  digest: Digest,
  previous: TimelineChainRow | undefined,
  row: TimelineChainRow,
): ChainBreak | undefined {
  const at = (field: ChainBreak['field'], expected: string | null, found: string | null): ChainBreak => ({
    table: 'timeline_events',
    row: row.id,
    incidentId: row.incidentId,
    field,
    expected: shown(expected),
    found: shown(found),
  });
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (row.prevHash !== expectedPrev) return at('prev_hash', expectedPrev, row.prevHash);
  const expectedHash = timelineRowHash(digest, expectedPrev ?? GENESIS_HASH, row);
  if (row.hash !== expectedHash) return at('hash', expectedHash, row.hash);
  return undefined;
}

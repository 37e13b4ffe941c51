import { chainHashInput, type Digest } from './chain-hash.js';

/**
 * One audit event exactly as the store keeps it: the columns the hash covers (time as canonical
 * ISO-8601 text, details as canonical JSON text) plus the chain's two hashes.
 */
export interface AuditChainRow {
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  address: string | null;
  subjectKind: string | null;
  subjectId: string | null;
  details: string;
  prevHash: string | null;
  hash: string | null;
}

/**
 * One incident timeline event exactly as the store keeps it (`data` as the stored JSON text), with
 * the hash of the incident's previous event and its own.
 */
export interface TimelineChainRow {
  id: string;
  incidentId: string;
  at: string;
  type: string;
  actorType: string;
  actorId: string | null;
  data: string;
  prevHash: string | null;
  hash: string | null;
}

/** Returns the hash an audit row must carry after `prevHash`: seq, time, action, actor, address, subject, details. */
export function auditRowHash(digest: Digest, prevHash: string, row: Omit<AuditChainRow, 'prevHash' | 'hash'>): string {
  return digest(chainHashInput(prevHash, [
    row.seq,
    row.at,
    row.action,
    row.actorId,
    row.address,
    row.subjectKind,
    row.subjectId,
    row.details,
  ]));
}

/** Returns the hash a timeline row must carry after `prevHash`: id, incident, time, type, actor, data. */
export function timelineRowHash(digest: Digest, prevHash: string, row: Omit<TimelineChainRow, 'prevHash' | 'hash'>): string {
  return digest(chainHashInput(prevHash, [row.id, row.incidentId, row.at, row.type, row.actorType, row.actorId, row.data]));
}

import type { AuditPage, AuditQuery } from '../../../shared/schemas/audit.js';
import type { AuditRecord, AuditSession } from '../ports/audit-store.js';

function toEntry(record: AuditRecord): AuditPage['events'][number] {
  return {
    seq: record.seq,
    at: record.at.toISOString(),
    action: record.action,
    actorId: record.actorId,
    address: record.address,
    subject: record.subject,
    details: record.details,
    hash: record.hash,
  };
}

/**
 * Reads one page of the audit trail, newest first, with the query's filters; asks the store for one
 * row more than the page holds to know whether another page follows (`nextBefore`).
 */
export async function readAuditPage(store: Pick<AuditSession, 'listAuditEvents'>, query: AuditQuery): Promise<AuditPage> {
  const records = await store.listAuditEvents({
    action: query.action,
    actorId: query.actor,
    subjectKind: query.subjectKind,
    subjectId: query.subjectId,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    beforeSeq: query.before,
    limit: query.limit + 1,
  });
  const events = records.slice(0, query.limit).map(toEntry);
  const more = records.length > query.limit;
  return more ? { events, nextBefore: events.at(-1)!.seq } : { events };
}

import type { AuditVerifyReport } from '../../../shared/schemas/audit.js';
import { checkAuditRow, checkTimelineRow } from '../../core/audit/chain-check.js';
import type { Digest } from '../../core/audit/chain-hash.js';
import type { AuditChainRow, TimelineChainRow } from '../../core/audit/chain-rows.js';
import type { AuditSession, TimelineCursor } from '../ports/audit-store.js';

/** How many rows the walk reads at once (bounded memory whatever the size of the trail). */
const PAGE = 1000;

/**
 * Walks the whole audit chain in seq order and every incident's timeline chain in append order,
 * re-computing each row's hash with `digest`, and reports the first row that does not hold (which
 * table, which row, which field, expected vs found) with how many rows it checked. Reads in pages,
 * so it runs on a live store without holding a transaction open.
 */
export async function verifyChains(store: Pick<AuditSession, 'readAuditChain' | 'readTimelineChain'>, digest: Digest): Promise<AuditVerifyReport> {
  const report: AuditVerifyReport = { intact: true, auditEvents: 0, timelineEvents: 0, incidents: 0 };

  let previous: AuditChainRow | undefined;
  for (;;) {
    const rows = await store.readAuditChain(previous?.seq ?? 0, PAGE);
    for (const row of rows) {
      const broken = checkAuditRow(digest, previous, row);
      if (broken) return { ...report, intact: false, broken };
      report.auditEvents += 1;
      previous = row;
    }
    if (rows.length < PAGE) break;
  }

  let cursor: TimelineCursor | undefined;
  let last: TimelineChainRow | undefined;
  for (;;) {
    const rows = await store.readTimelineChain(cursor, PAGE);
    for (const row of rows) {
      const sameIncident = last?.incidentId === row.incidentId;
      if (!sameIncident) report.incidents += 1;
      const broken = checkTimelineRow(digest, sameIncident ? last : undefined, row);
      if (broken) return { ...report, intact: false, broken };
      report.timelineEvents += 1;
      last = row;
    }
    const end = rows.at(-1);
    if (!end || rows.length < PAGE) break;
    cursor = { incidentId: end.incidentId, pos: end.pos };
  }
  return report;
}

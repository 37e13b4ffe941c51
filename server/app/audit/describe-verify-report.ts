import type { AuditVerifyReport } from '../../../shared/schemas/audit.js';

/** The verdict of an audit verification in words: how much was checked, or the first broken row with expected vs found. */
export function describeVerifyReport(report: AuditVerifyReport): string {
  const counted = `${report.auditEvents} audit events, ${report.timelineEvents} timeline events of ${report.incidents} incidents`;
  if (report.intact) return `intact: ${counted} checked`;
  const b = report.broken!;
  const where = b.table === 'audit_events' ? `audit_events seq ${b.row}` : `timeline_events id ${b.row} (incident ${b.incidentId})`;
  return `BROKEN at ${where}: ${b.field} expected ${b.expected}, found ${b.found} (after ${counted} intact)`;
}

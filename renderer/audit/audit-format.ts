import type { AuditEntry, AuditVerifyReport } from '../../shared/schemas/audit.js';

/** The subject of an event as one short text, e.g. `incident 4f2…` or `—`. */
export function subjectText(entry: Pick<AuditEntry, 'subject'>): string {
  return entry.subject ? `${entry.subject.kind} ${entry.subject.id}` : '—';
}

/** An event's details as `key: value` pairs on one line (JSON for nested values). */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
}

/** The verification's verdict in words, naming the broken row with expected vs found. */
export function verdictText(report: AuditVerifyReport): string {
  const counted = `${report.auditEvents} audit events and ${report.timelineEvents} timeline events of ${report.incidents} incidents`;
  if (report.intact || !report.broken) return `Intact: ${counted} checked.`;
  const b = report.broken;
  const where = b.table === 'audit_events' ? `audit event #${b.row}` : `timeline event ${b.row} of incident ${b.incidentId}`;
  return `Broken at ${where}: ${b.field} should be ${b.expected} but is ${b.found}.`;
}

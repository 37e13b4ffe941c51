import { sql, type Selectable, type Updateable } from 'kysely';
import type { IncidentDraft } from '../../app/ports/store.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { IncidentsTable } from './database.js';
import { parseJson, toMillis } from './json.js';

/**
 * `'resolved'` written into the SQL text, for `status <> RESOLVED`: the open-incident index
 * (`incidents_open_dedup`) is partial on exactly that condition, and SQLite can use it only when the
 * value is in the text. Compared with a parameter, the plan would hang on the bound value, so SQLite
 * prepared the statement anew on every run, and scanned every incident when not given the value.
 */
export const RESOLVED = sql.lit('resolved');

/** Turns a stored incident row back into the domain object. */
export function toIncident(row: Selectable<IncidentsTable>): Incident {
  return {
    id: row.id,
    serviceId: row.service_id,
    teamId: row.team_id,
    dedupKey: row.dedup_key,
    status: row.status as Incident['status'],
    priority: row.priority as Incident['priority'],
    severity: row.severity as Incident['severity'],
    summary: row.summary,
    source: row.source,
    alertCount: Number(row.alert_count),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    deferredUntil: row.deferred_until,
    escalation: row.escalation as Incident['escalation'],
    triageVerdict: row.triage_verdict as Incident['triageVerdict'],
    triageAssignee: row.triage_assignee,
    forensicAssignee: row.forensic_assignee,
    confidential: Boolean(row.confidential),
    links: parseJson<Incident['links']>(row.links, 'incidents.links'),
    externalRef: row.external_ref,
    clientId: row.client_id ?? null,
    ...(row.suppressed_by ? { suppressedBy: { id: row.suppressed_by, name: row.suppressed_by_name ?? row.suppressed_by } } : {}),
    ...(row.snoozed_until ? { snoozedUntil: row.snoozed_until } : {}),
    ...(Number(row.intel_matches ?? 0) > 0 ? { intelMatches: Number(row.intel_matches) } : {}),
    ...(row.history_hint
      ? { historyHint: parseJson<NonNullable<Incident['historyHint']>>(row.history_hint, 'incidents.history_hint') }
      : {}),
    seq: Number(row.seq),
  };
}

type Field = keyof Omit<IncidentDraft, 'id'>;
type Column = keyof IncidentsTable;

/** Which column holds each field, and how the value is written there. */
const COLUMNS: { [F in Field]: [Column, (value: IncidentDraft[F]) => unknown] } = {
  serviceId: ['service_id', (v) => v],
  teamId: ['team_id', (v) => v],
  dedupKey: ['dedup_key', (v) => v],
  status: ['status', (v) => v],
  priority: ['priority', (v) => v],
  severity: ['severity', (v) => v],
  summary: ['summary', (v) => v],
  source: ['source', (v) => v],
  alertCount: ['alert_count', (v) => v],
  firstSeenAt: ['first_seen_at', (v) => v],
  lastSeenAt: ['last_seen_at', (v) => v],
  acknowledgedAt: ['acknowledged_at', (v) => v],
  resolvedAt: ['resolved_at', (v) => v],
  deferredUntil: ['deferred_until', (v) => v],
  escalation: ['escalation', (v) => v],
  triageVerdict: ['triage_verdict', (v) => v],
  triageAssignee: ['triage_assignee', (v) => v],
  forensicAssignee: ['forensic_assignee', (v) => v],
  confidential: ['confidential', (v) => (v ? 1 : 0)],
  links: ['links', (v) => JSON.stringify(v)],
  externalRef: ['external_ref', (v) => v],
  clientId: ['client_id', (v) => v],
  suppressedBy: ['suppressed_by', (v) => v?.id ?? null],
  snoozedUntil: ['snoozed_until', (v) => v],
  intelMatches: ['intel_matches', (v) => v],
  historyHint: ['history_hint', (v) => (v ? JSON.stringify(v) : null)],
};

/** The instants that count as an incident "changing" (the deferral time lies in the future). */
const CHANGE_INSTANTS = ['firstSeenAt', 'lastSeenAt', 'acknowledgedAt', 'resolvedAt'] as const;

/**
 * Converts the fields present in `fields` (an `undefined` value counts as absent; `id` is never
 * changed) into column values, with `first_seen_ms` when the first-seen time is among them.
 */
export function incidentColumns(fields: Partial<IncidentDraft>): Updateable<IncidentsTable> {
  const columns: Record<string, unknown> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const value = fields[field];
    if (value === undefined) continue;
    const [column, write] = COLUMNS[field] as [Column, (value: unknown) => unknown];
    columns[column] = write(value);
  }
  if (fields.suppressedBy !== undefined) columns.suppressed_by_name = fields.suppressedBy?.name ?? null;
  if (fields.firstSeenAt !== undefined) columns.first_seen_ms = toMillis(fields.firstSeenAt, 'incident.firstSeenAt');
  return columns as Updateable<IncidentsTable>;
}

/**
 * The latest of the change instants present in `fields` in epoch ms, or undefined when none is. This
 * is what `listIncidents({ since })` compares with: the store has no clock of its own.
 */
export function latestChangeMillis(fields: Partial<IncidentDraft>): number | undefined {
  let latest: number | undefined;
  for (const field of CHANGE_INSTANTS) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    const ms = toMillis(value, `incident.${field}`);
    if (latest === undefined || ms > latest) latest = ms;
  }
  return latest;
}

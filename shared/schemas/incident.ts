import { z } from 'zod';
import { InstantSchema } from './common.js';
import { LinkSchema } from './alert.js';
import { PrioritySchema, SeveritySchema } from './priority.js';

/** Where an incident stands in its lifecycle. */
export const IncidentStatusSchema = z.enum(['triggered', 'acknowledged', 'resolved']);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

/** Where its escalation stands: not started (held or not needed), running, stopped, or unanswered. */
export const EscalationStateSchema = z.enum(['none', 'deferred', 'running', 'stopped', 'unanswered']);
export type EscalationState = z.infer<typeof EscalationStateSchema>;

/** A triage analyst's verdict on an incident. */
export const TriageVerdictSchema = z.enum(['confirmed', 'false_positive']);
export type TriageVerdict = z.infer<typeof TriageVerdictSchema>;

/** The short history hint the board shows on an incident: what became of the past ones like it. */
export const HistoryHintSchema = z.object({
  /** Past incidents found alike (at most the ones considered). */
  similar: z.number().int().nonnegative(),
  falsePositives: z.number().int().nonnegative(),
  confirmed: z.number().int().nonnegative(),
});
export type HistoryHint = z.infer<typeof HistoryHintSchema>;

/** Alerts with the same service and dedup key, folded into one thing people work on. */
export const IncidentSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  teamId: z.string(),
  dedupKey: z.string(),
  status: IncidentStatusSchema,
  priority: PrioritySchema,
  severity: SeveritySchema,
  summary: z.string(),
  source: z.string(),
  alertCount: z.number().int().positive(),
  firstSeenAt: InstantSchema,
  lastSeenAt: InstantSchema,
  acknowledgedAt: InstantSchema.nullable(),
  resolvedAt: InstantSchema.nullable(),
  /** When a held medium/low incident is released to the escalation engine. */
  deferredUntil: InstantSchema.nullable(),
  escalation: EscalationStateSchema,
  triageVerdict: TriageVerdictSchema.nullable(),
  triageAssignee: z.string().nullable(),
  forensicAssignee: z.string().nullable(),
  /** Need-to-know: only IR managers, admins and the people on its need-to-know list see its details. */
  confidential: z.boolean(),
  links: z.array(LinkSchema),
  externalRef: z.string().nullable(),
  /** The client (an MSP's customer) the incident is about, when its service or a client's match rules say so. */
  clientId: z.string().nullable().optional(),
  /** The maintenance window holding the incident back from paging (its id and name), when one does. */
  suppressedBy: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  /** While acknowledged and snoozed: when it triggers again (and re-pages per policy) unless resolved. */
  snoozedUntil: InstantSchema.nullable().optional(),
  /** How many live threat-intelligence indicators its alerts matched on ingest (the board's flag). */
  intelMatches: z.number().int().nonnegative().optional(),
  /** What became of past incidents like it (the board's history hint), once computed. */
  historyHint: HistoryHintSchema.nullable().optional(),
  /** A relay-wide sequence number, raised on every change; feeds use it to drop stale updates. */
  seq: z.number().int().nonnegative(),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** What the board shows as an incident's state, derived from status and escalation. */
export type BoardState = 'triggered' | 'acknowledged' | 'deferred' | 'unanswered' | 'resolved';

/** Derives the board state the console shows for an incident. */
export function boardState(incident: Pick<Incident, 'status' | 'escalation'>): BoardState {
  if (incident.status !== 'triggered') return incident.status;
  if (incident.escalation === 'deferred') return 'deferred';
  if (incident.escalation === 'unanswered') return 'unanswered';
  return 'triggered';
}

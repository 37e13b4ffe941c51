import { z } from 'zod';
import { InstantSchema } from './common.js';

/** Who did something: the monitoring source, a person, or the relay itself. */
export const ActorSchema = z.object({
  type: z.enum(['source', 'user', 'system']),
  id: z.string().nullable(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Everything that can happen to an incident, each recorded with its time and actor. */
export const TimelineEventTypeSchema = z.enum([
  'incident.opened',
  'alert.folded',
  'incident.acknowledged',
  'incident.resolved',
  'incident.reopened',
  'priority.set',
  'confidential.set',
  'need-to-know.changed',
  'incident.deferred',
  'incident.released',
  'triage.verdict',
  'assignee.set',
  'note.added',
  'evidence.added',
  'escalation.started',
  'escalation.level',
  'escalation.nobody-on-call',
  'escalation.stopped',
  'page.queued',
  'page.sent',
  'page.delivered',
  'page.read',
  'page.failed',
  'failover.sent',
  'connectwise.synced',
  'connectwise.failed',
  'maintenance.suppressed',
  'maintenance.released',
  'maintenance.ended',
  'incident.snoozed',
  'incident.snooze_ended',
  'intel.matched',
  'status.posted',
  'status.sent',
  'status.failed',
  'msteams.posted',
  'msteams.failed',
]);
export type TimelineEventType = z.infer<typeof TimelineEventTypeSchema>;

/** One timestamped step in an incident's history. */
export const TimelineEventSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  at: InstantSchema,
  type: TimelineEventTypeSchema,
  actor: ActorSchema,
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

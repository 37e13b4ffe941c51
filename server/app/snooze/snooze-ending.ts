import type { Incident } from '../../../shared/schemas/incident.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import { snoozeEndJob } from './snooze-jobs.js';

/** Why a snooze ended: its time came, a person ended it, acknowledged again, or the incident was resolved. */
export type SnoozeEndReason = 'expired' | 'unsnoozed' | 'acknowledged' | 'resolved';

/**
 * Ends an incident's snooze inside the caller's transaction: the snooze time is cleared, its due row
 * goes, and `incident.snooze_ended` goes on the timeline with why. An incident that is not snoozed is
 * returned as it is, with nothing recorded.
 */
export async function endSnooze(changes: ChangeSet, incident: Incident, actor: Actor, reason: SnoozeEndReason): Promise<Incident> {
  if (!incident.snoozedUntil) return incident;
  await changes.tx.deleteJob(snoozeEndJob.id(incident.id));
  const updated = await changes.tx.updateIncident(incident.id, { snoozedUntil: null });
  await changes.timeline(incident.id, 'incident.snooze_ended', actor, { reason, until: incident.snoozedUntil });
  return updated ?? { ...incident, snoozedUntil: null };
}

/**
 * Wraps the incident lifecycle so that every way an incident is resolved (a person, the monitoring
 * tool, ConnectWise) also ends its snooze: a resolved incident never triggers again.
 */
export function withSnoozeEnding(lifecycle: IncidentLifecycle): IncidentLifecycle {
  return {
    escalate: (changes, incident, policy) => lifecycle.escalate(changes, incident, policy),
    acknowledged: (changes, incident) => lifecycle.acknowledged(changes, incident),
    async resolved(changes, incident) {
      const unsnoozed = await endSnooze(changes, incident, { type: 'system', id: null }, 'resolved');
      return lifecycle.resolved(changes, unsnoozed);
    },
  };
}

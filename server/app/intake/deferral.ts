import type { Incident } from '../../../shared/schemas/incident.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { WhoseHours } from '../../core/business-hours/index.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { JobRecord } from '../ports/store.js';

/** The due row that releases a held medium/low incident at its team's next business start. */
export const releaseJob = {
  kind: 'incident.release',
  /** One release row per incident, so re-deferring replaces it. */
  id: (incidentId: string) => `release:${incidentId}`,
  make(incidentId: string, dueAt: Date): Omit<JobRecord, 'attempts'> {
    return { id: releaseJob.id(incidentId), kind: releaseJob.kind, incidentId, dueAt, payload: {} };
  },
};

/**
 * Why a new incident is held, for its timeline: whose business hours it waits for — its client's own
 * (when the client has a time zone and business hours) or its team's.
 */
export function deferralReason(priority: Priority, hours: WhoseHours['owner']): string {
  return hours.kind === 'client'
    ? `${priority} priority waits for the business hours of client ${hours.name}`
    : `${priority} priority waits for ${hours.name}'s business hours`;
}

/** What releasing needs. */
export interface ReleaseDeps extends CommitDeps {
  clock: Clock;
  lifecycle: IncidentLifecycle;
}

/**
 * Creates the handler for release rows: a held incident that is still open is released to the
 * escalation engine; one resolved or acknowledged meanwhile is left alone. Running it twice is harmless.
 */
export function createReleaseHandler(deps: ReleaseDeps): JobHandler {
  return async (job) => {
    const incidentId = job.incidentId;
    if (!incidentId) return;
    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const incident = await changes.tx.getIncident(incidentId);
      if (!incident || !isHeld(incident)) return;
      changes.updated(await releaseHeld(changes, incident, deps.lifecycle, { type: 'system', id: null }));
    });
  };
}

/**
 * Releases a held incident to its escalation at once, inside the caller's transaction: the hold and
 * its release row go, `incident.released` goes on the timeline (with `actor` and why, when a person
 * released it early by raising it to high or escalating it) and the escalation starts at its first
 * level. Throws when the incident's service has no policy any more (the transaction rolls back).
 */
export async function releaseHeld(
  changes: ChangeSet,
  incident: Incident,
  lifecycle: IncidentLifecycle,
  actor: Actor,
  why?: 'priority-high' | 'escalate-now',
): Promise<Incident> {
  const service = await changes.tx.getService(incident.serviceId);
  const policy = service ? await changes.tx.getPolicy(service.policy) : undefined;
  if (!policy) throw new Error(`incident ${incident.id}: its service's policy is gone`);
  const released = await changes.tx.updateIncident(incident.id, { deferredUntil: null, escalation: 'none' });
  // Released early by a person: the row for the business start goes (the release job ends its own row).
  if (why) await changes.tx.deleteJob(releaseJob.id(incident.id));
  await changes.timeline(incident.id, 'incident.released', actor, {
    heldUntil: incident.deferredUntil,
    ...(why ? { early: why } : {}),
  });
  return lifecycle.escalate(changes, released ?? incident, policy);
}

/** Tells whether an incident is held until business hours (open, its escalation deferred). */
export function isHeld(incident: Incident): boolean {
  return incident.status === 'triggered' && incident.escalation === 'deferred';
}

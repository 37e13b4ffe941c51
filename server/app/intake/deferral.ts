import type { Incident } from '../../../shared/schemas/incident.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
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
      const service = await changes.tx.getService(incident.serviceId);
      const policy = service ? await changes.tx.getPolicy(service.policy) : undefined;
      if (!policy) throw new Error(`incident ${incident.id}: its service's policy is gone`);
      const released = await changes.tx.updateIncident(incident.id, { deferredUntil: null, escalation: 'none' });
      await changes.timeline(incident.id, 'incident.released', { type: 'system', id: null }, {
        heldUntil: incident.deferredUntil,
      });
      changes.updated(await deps.lifecycle.escalate(changes, released ?? incident, policy));
    });
  };
}

function isHeld(incident: Incident): boolean {
  return incident.status === 'triggered' && incident.escalation === 'deferred';
}

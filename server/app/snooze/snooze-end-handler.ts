import type { Incident } from '../../../shared/schemas/incident.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import { endSnooze } from './snooze-ending.js';

/** Starts an incident's escalation again from its first level as a new run, inside the caller's transaction. */
export type StartNewRun = (changes: ChangeSet, incident: Incident) => Promise<Incident>;

/** What the snooze end needs. */
export interface SnoozeEndDeps extends CommitDeps {
  clock: Clock;
  startNewRun: StartNewRun;
  audit?: AuditTrail;
}

/**
 * Creates the handler for `incident.snooze-end` rows. When the snooze of a still-acknowledged
 * incident has come (the row is durable, so this holds across restarts), the incident is triggered
 * again, `incident.snooze_ended` goes on the timeline and the audit trail, and its escalation starts
 * again from the first level as a new run (new pages). An incident resolved, un-snoozed or snoozed
 * later meanwhile is left alone, so running it twice is harmless.
 */
export function createSnoozeEndHandler(deps: SnoozeEndDeps): JobHandler {
  const audit = deps.audit ?? noAuditTrail;
  return async (job) => {
    const incidentId = job.incidentId;
    if (!incidentId) return;
    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const incident = await changes.tx.getIncident(incidentId);
      if (!incident?.snoozedUntil || incident.status !== 'acknowledged') return;
      // Snoozed again for longer after this row was read: its own row comes then.
      if (Date.parse(incident.snoozedUntil) > changes.now.getTime()) return;
      const system = { type: 'system' as const, id: null };
      const ended = await endSnooze(changes, incident, system, 'expired');
      const triggered = (await changes.tx.updateIncident(incident.id, { status: 'triggered', acknowledgedAt: null })) ?? ended;
      await audit.record({ action: 'incident.snooze_ended', actorId: null, subject: { kind: 'incident', id: incident.id }, details: { reason: 'expired', until: incident.snoozedUntil } }, changes.tx);
      changes.updated(await deps.startNewRun(changes, triggered));
    });
  };
}

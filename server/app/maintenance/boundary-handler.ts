import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import { boundaryJob, scheduleBoundary } from './maintenance-jobs.js';
import { endWindowHold } from './window-end.js';

/** What the boundary handler needs. */
export interface BoundaryDeps extends CommitDeps {
  clock: Clock;
  lifecycle: IncidentLifecycle;
  audit?: AuditTrail;
  /** Told after a boundary committed (the relay refreshes its windows and tells consoles). */
  onChanged?: () => void;
}

/**
 * Creates the handler for a window's boundary rows. At a start it records `maintenance.started`; at
 * an end (or a start whose occurrence has ended meanwhile, as after a relay was down) it ends the
 * window's hold on its suppressed incidents (release or drop, see `endWindowHold`) and records
 * `maintenance.ended`; then it puts the next boundary row in place. A deleted window's row does
 * nothing (deleting ended its hold). Running it twice is harmless: a second end finds nothing held.
 */
export function createBoundaryHandler(deps: BoundaryDeps): JobHandler {
  const audit = deps.audit ?? noAuditTrail;
  return async (job) => {
    const windowId = job.id.slice(boundaryJob.id('').length);
    const phase = job.payload.phase === 'start' ? 'start' : 'end';
    const occurrence = { start: String(job.payload.start), end: String(job.payload.end) };
    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const record = await changes.tx.getMaintenanceWindowRecord(windowId);
      if (!record || record.deletedAt !== null) return;
      const { window } = record;
      const subject = { kind: 'maintenance-window', id: window.id };
      if (phase === 'start') {
        await audit.record({ action: 'maintenance.started', actorId: null, subject, details: { name: window.name, ...occurrence } }, changes.tx);
      }
      if (phase === 'end' || Date.parse(occurrence.end) <= changes.now.getTime()) {
        const count = await endWindowHold(changes, window, deps.lifecycle, { type: 'system', id: null });
        await audit.record({ action: 'maintenance.ended', actorId: null, subject, details: { name: window.name, onEnd: window.onEnd, ...occurrence, ...count } }, changes.tx);
      }
      await scheduleBoundary(changes, window, window.id);
    });
    deps.onChanged?.();
  };
}

import type { Incident } from '../../../shared/schemas/incident.js';
import type { MaintenanceOnEnd, SuppressedBy } from '../../../shared/schemas/maintenance.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import type { ChangeSet } from '../incidents/change-set.js';
import { releaseHeld, releaseJob } from '../intake/deferral.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';

/** How many incidents a window's end handled each way. */
export interface WindowEndCount {
  released: number;
  dropped: number;
}

/** Tells whether a window still holds an incident back: open, escalation not started, marked with the window. */
export function isSuppressed(incident: Incident): boolean {
  return !!incident.suppressedBy && incident.status === 'triggered' && incident.escalation === 'deferred';
}

/**
 * Ends a window's hold on its still-open suppressed incidents, inside the caller's transaction.
 * `release` hands each to normal escalation (timeline `maintenance.released`): at once, or at its
 * business-hours release when that still lies ahead. `drop` leaves each unpaged (escalation `none`,
 * timeline `maintenance.ended`), still marked with the window so the board shows why.
 */
export async function endWindowHold(
  changes: ChangeSet,
  window: SuppressedBy & { onEnd: MaintenanceOnEnd },
  lifecycle: IncidentLifecycle,
  actor: Actor,
): Promise<WindowEndCount> {
  const count: WindowEndCount = { released: 0, dropped: 0 };
  const data = { windowId: window.id, windowName: window.name };
  for (const incident of await changes.tx.listSuppressedIncidents(window.id)) {
    if (!isSuppressed(incident)) continue;
    if (window.onEnd === 'drop') {
      const dropped = await changes.tx.updateIncident(incident.id, { escalation: 'none', deferredUntil: null });
      await changes.timeline(incident.id, 'maintenance.ended', actor, { ...data, onEnd: 'drop' });
      if (dropped) changes.updated(dropped);
      count.dropped += 1;
      continue;
    }
    changes.updated(await releaseFromWindow(changes, incident, lifecycle, actor, { ...data, onEnd: 'release' }));
    count.released += 1;
  }
  return count;
}

/**
 * Hands one incident a window held (or dropped) to normal escalation inside the caller's
 * transaction: the window's mark goes, `maintenance.released` (with `data`) goes on the timeline, and
 * the escalation starts at once — or, for a medium/low incident whose business hours have not begun,
 * at its business-hours release row. Returns the incident as it now stands.
 */
export async function releaseFromWindow(
  changes: ChangeSet,
  incident: Incident,
  lifecycle: IncidentLifecycle,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Incident> {
  const unmarked = (await changes.tx.updateIncident(incident.id, { suppressedBy: null })) ?? incident;
  await changes.timeline(incident.id, 'maintenance.released', actor, data);
  const heldUntil = incident.deferredUntil ? Date.parse(incident.deferredUntil) : 0;
  if (heldUntil > changes.now.getTime() && incident.escalation === 'deferred') {
    // A medium/low incident still waits for business hours: the usual release row takes over.
    await changes.schedule(releaseJob.make(incident.id, new Date(heldUntil)));
    return unmarked;
  }
  return releaseHeld(changes, unmarked, lifecycle, actor);
}

import type { MaintenanceWindow } from '../../../shared/schemas/maintenance.js';
import { compileTiming, nextBoundary } from '../../core/maintenance/index.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { JobRecord } from '../ports/store.js';

/** The due row that wakes the relay at a window's next start or end (one row per window). */
export const boundaryJob = {
  kind: 'maintenance.boundary',
  id: (windowId: string) => `maintenance:${windowId}`,
  make(windowId: string, dueAt: Date, payload: { phase: 'start' | 'end'; start: string; end: string }): Omit<JobRecord, 'attempts'> {
    return { id: boundaryJob.id(windowId), kind: boundaryJob.kind, incidentId: null, dueAt, payload };
  },
};

/**
 * Puts the window's next boundary row in place inside the caller's transaction (or removes it when
 * the window has nothing left, or was deleted), so that its start and end happen even across a restart.
 */
export async function scheduleBoundary(changes: ChangeSet, window: MaintenanceWindow | undefined, windowId: string): Promise<void> {
  const compiled = window ? compileTiming(window) : undefined;
  const next = compiled?.ok ? nextBoundary(compiled.timing, changes.now) : undefined;
  if (!next) {
    await changes.tx.deleteJob(boundaryJob.id(windowId));
    return;
  }
  await changes.schedule(boundaryJob.make(windowId, next.at, { phase: next.phase, start: next.occurrence.start, end: next.occurrence.end }));
}

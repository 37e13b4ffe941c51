import type { MaintenanceState, Occurrence } from '../../../shared/schemas/maintenance.js';
import type { CompiledTiming } from './occurrences.js';

/** Where a window stands at `now`: its state, the occurrence running now and the next one. */
export interface WindowStatus {
  state: MaintenanceState;
  current: Occurrence | null;
  next: Occurrence | null;
}

/** Tells where a window stands at `now`. */
export function windowStatus(timing: CompiledTiming, now: Date): WindowStatus {
  const current = timing.at(now) ?? null;
  const next = timing.nextAfter(now) ?? null;
  return { state: current ? 'active' : next ? 'upcoming' : 'past', current, next };
}

/**
 * The next instant after `now` at which the window starts or ends an occurrence (the time of its
 * boundary job), with which it is; undefined when it has nothing left.
 */
export function nextBoundary(timing: CompiledTiming, now: Date): { at: Date; phase: 'start' | 'end'; occurrence: Occurrence } | undefined {
  const { current, next } = windowStatus(timing, now);
  const end = current ? Date.parse(current.end) : Infinity;
  const start = next ? Date.parse(next.start) : Infinity;
  if (current && end <= start) return { at: new Date(end), phase: 'end', occurrence: current };
  if (next) return { at: new Date(start), phase: 'start', occurrence: next };
  return undefined;
}

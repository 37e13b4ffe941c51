import type { ActiveMaintenance, MaintenanceWindow, SuppressedBy } from '../../../shared/schemas/maintenance.js';
import { compileTiming, type CompiledTiming } from './occurrences.js';
import { compileMaintenanceMatch, type MaintenanceMatcher, type MaintenanceSubject } from './window-match.js';

/** One window, compiled: its matchers and its occurrences. */
export interface CompiledWindow {
  window: MaintenanceWindow;
  matches: MaintenanceMatcher;
  timing: CompiledTiming;
}

/** The windows ingest checks alerts against, each compiled once. */
export interface MaintenanceSet {
  /** The first window (by id) that is running at `now` and covers the alert, if any. */
  windowFor(subject: MaintenanceSubject, now: Date): SuppressedBy | undefined;
  /** The windows running at `now`, with when their current occurrence ends, soonest first. */
  active(now: Date): ActiveMaintenance[];
  readonly windows: readonly CompiledWindow[];
}

/** Compiles windows for ingest; a window whose timing no longer compiles (it was checked when saved) is left out. */
export function createMaintenanceSet(windows: readonly MaintenanceWindow[]): MaintenanceSet {
  const compiled: CompiledWindow[] = [];
  for (const window of [...windows].sort((a, b) => a.id.localeCompare(b.id))) {
    const timing = compileTiming(window);
    if (timing.ok) compiled.push({ window, matches: compileMaintenanceMatch(window.match), timing: timing.timing });
  }
  return {
    windows: compiled,
    windowFor(subject, now) {
      for (const c of compiled) {
        if (c.matches(subject) && c.timing.at(now)) return { id: c.window.id, name: c.window.name };
      }
      return undefined;
    },
    active(now) {
      const out: ActiveMaintenance[] = [];
      for (const c of compiled) {
        const current = c.timing.at(now);
        if (current) out.push({ id: c.window.id, name: c.window.name, endsAt: current.end });
      }
      return out.sort((a, b) => a.endsAt.localeCompare(b.endsAt));
    },
  };
}

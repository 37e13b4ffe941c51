import { createMaintenanceSet, type MaintenanceSet } from '../../core/maintenance/index.js';
import type { Clock } from '../ports/clock.js';
import type { MaintenanceSession } from '../ports/maintenance-store.js';

/** How long a relay trusts its in-memory windows before it reads them again (another relay may have written). */
const FRESH_MS = 15_000;

/**
 * The maintenance windows held in memory, so that ingest checks an alert against them without a
 * query per alert. A window write on this relay calls `invalidate`; with several relays on one
 * database each reads the table again at most every 15 seconds.
 */
export interface MaintenanceDirectory {
  /** The current windows; reads them through `session` (the caller's transaction) only when the cache is missing or stale. */
  current(session: MaintenanceSession): Promise<MaintenanceSet>;
  /** Forgets the cached windows; the next `current` reads them again. */
  invalidate(): void;
}

/** Creates the directory; `clock` decides when the cached windows are stale. */
export function createMaintenanceDirectory(deps: { clock: Clock }): MaintenanceDirectory {
  let cached: { set: MaintenanceSet; readAt: number; generation: number } | undefined;
  let generation = 0;
  return {
    async current(session) {
      const now = deps.clock.now().getTime();
      if (cached && cached.generation === generation && now - cached.readAt < FRESH_MS) return cached.set;
      const startedAt = generation;
      const set = createMaintenanceSet((await session.listMaintenanceWindows()).map((r) => r.window));
      // A write that landed while reading makes this read stale: use it once, do not keep it.
      if (startedAt === generation) cached = { set, readAt: now, generation };
      return set;
    },
    invalidate() {
      generation += 1;
      cached = undefined;
    },
  };
}

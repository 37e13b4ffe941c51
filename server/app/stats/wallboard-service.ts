import type { WallboardStats } from '../../../shared/schemas/wallboard.js';
import { parseEscalationState } from '../../core/escalation/index.js';
import { computeWallboardStats, WALLBOARD_LOOKBACK_MS, type RunningEscalation } from '../../core/stats/index.js';
import { createMaintenanceSet } from '../../core/maintenance/index.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';

const DAY_MS = 86_400_000;

/**
 * Reads what the wallboard needs from the store — open incidents, the last 14 days of incidents and
 * pages, the last day of alert arrivals, running escalations, teams, schedules, people and clients — and
 * computes the statistics at the clock's now.
 */
export async function readWallboardStats(store: StoreSession, clock: Clock): Promise<WallboardStats> {
  const now = clock.now();
  const since = new Date(now.getTime() - WALLBOARD_LOOKBACK_MS);
  const [open, recent, pages, alertTimes, teams, schedules, users, clients, windows] = await Promise.all([
    store.listOpenIncidents(),
    store.listIncidentsOpenedSince(since),
    store.listPagesCreatedSince(since),
    store.listAlertTimesSince(new Date(now.getTime() - DAY_MS)),
    store.listTeams(),
    store.listSchedules(),
    store.listUsers(),
    store.listClients(),
    store.listMaintenanceWindows(),
  ]);
  const running: RunningEscalation[] = [];
  for (const incident of open) {
    if (incident.escalation !== 'running') continue;
    const record = await store.getEscalation(incident.id);
    const parsed = record && parseEscalationState(record.state);
    // A state the engine cannot read is left off the board; the escalator reports it on its own.
    if (record && parsed?.ok) {
      running.push({ incidentId: incident.id, levelCount: record.policy.levels.length, repeat: record.policy.repeat, state: parsed.state });
    }
  }
  const stats = computeWallboardStats(
    {
      open,
      recent,
      pages,
      alertTimes,
      running,
      teams,
      schedules,
      names: new Map(users.map((u) => [u.id, u.name])),
      clientNames: new Map(clients.map((c) => [c.client.id, c.client.name])),
    },
    now,
  );
  return { ...stats, maintenance: createMaintenanceSet(windows.map((r) => r.window)).active(now) };
}

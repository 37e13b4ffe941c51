import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Team } from '../../../shared/schemas/team.js';
import type { WallboardStats } from '../../../shared/schemas/wallboard.js';
import { alertsPerHour } from './alert-rate.js';
import { onCallNow } from './on-call-now.js';
import { escalationsInProgress, oldestUnacknowledged, openCounts, type RunningEscalation } from './open-incidents.js';
import { falsePositiveRate, responseTimes } from './response-times.js';

/** Everything the wallboard statistics are computed from, read from the store by the app layer. */
export interface WallboardInput {
  /** Every incident not resolved. */
  open: readonly Incident[];
  /** Incidents first seen in the last 14 days. */
  recent: readonly Incident[];
  /** Pages created in the last 14 days. */
  pages: readonly Page[];
  /** Arrival times of alerts in the last 24 hours. */
  alertTimes: readonly Date[];
  running: readonly RunningEscalation[];
  teams: readonly Team[];
  schedules: readonly Schedule[];
  /** People's names by id. */
  names: ReadonlyMap<string, string>;
  /** Clients' names by id (an incident of a client not listed shows no client). */
  clientNames?: ReadonlyMap<string, string>;
}

/** How far back the wallboard's reads must go (14 days: this week and the week before). */
export const WALLBOARD_LOOKBACK_MS = 14 * 86_400_000;

/**
 * Computes the wallboard at `now`: open incidents by priority, the oldest unacknowledged, the
 * escalations in progress, who is on call per team, alerts per hour, mean times to read, acknowledge
 * and resolve with their trend, and the false-positive rate. Pure; confidential incidents carry no
 * summary.
 */
export function computeWallboardStats(input: WallboardInput, now: Date): WallboardStats {
  return {
    generatedAt: now.toISOString(),
    open: openCounts(input.open),
    oldestUnacknowledged: oldestUnacknowledged(input.open, now, input.clientNames),
    escalations: escalationsInProgress(input.open, input.running, input.names, now, input.clientNames),
    onCall: onCallNow(input.teams, input.schedules, input.names, now),
    alertsPerHour: alertsPerHour(input.alertTimes, now),
    responseTimes: responseTimes(input.recent, input.pages, now),
    falsePositives: falsePositiveRate(input.recent, now),
  };
}

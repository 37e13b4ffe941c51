import type { Incident } from '../../../shared/schemas/incident.js';
import type { WallboardEscalation, WallboardStats } from '../../../shared/schemas/wallboard.js';
import type { EscalationState } from '../escalation/index.js';
import { wallboardIncident } from './wallboard-incident.js';

/** A running escalation as the statistics read it: its state and the shape of its frozen policy. */
export interface RunningEscalation {
  incidentId: string;
  levelCount: number;
  repeat: number;
  state: EscalationState;
}

/** How many of the oldest unacknowledged incidents the wallboard lists. */
const OLDEST_SHOWN = 5;

/** Counts open (not resolved) incidents by priority, and those nobody has acknowledged. */
export function openCounts(open: readonly Incident[]): WallboardStats['open'] {
  const counts = { high: 0, medium: 0, low: 0, total: 0, unacknowledged: 0 };
  for (const incident of open) {
    if (incident.status === 'resolved') continue;
    counts[incident.priority] += 1;
    counts.total += 1;
    if (incident.status === 'triggered') counts.unacknowledged += 1;
  }
  return counts;
}

/** The oldest open incidents nobody has acknowledged yet, oldest first, at most five. */
export function oldestUnacknowledged(
  open: readonly Incident[],
  now: Date,
  clientNames: ReadonlyMap<string, string> = new Map(),
): WallboardStats['oldestUnacknowledged'] {
  return open
    .filter((i) => i.status === 'triggered')
    .sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt) || a.seq - b.seq)
    .slice(0, OLDEST_SHOWN)
    .map((i) => wallboardIncident(i, now, clientNames));
}

/**
 * The escalations in progress on open incidents, the longest-running first: the level and pass they
 * are at, the people paged at that level, and when the next level is due.
 */
export function escalationsInProgress(
  open: readonly Incident[],
  running: readonly RunningEscalation[],
  names: ReadonlyMap<string, string>,
  now: Date,
  clientNames: ReadonlyMap<string, string> = new Map(),
): WallboardEscalation[] {
  const byId = new Map(running.map((r) => [r.incidentId, r]));
  const list: WallboardEscalation[] = [];
  for (const incident of open) {
    const escalation = byId.get(incident.id);
    if (incident.status === 'resolved' || incident.escalation !== 'running' || escalation?.state.status !== 'running') continue;
    const { state } = escalation;
    const paged = state.pages
      .filter((p) => p.level === state.level && p.loop === state.loop)
      .map((p) => names.get(p.userId) ?? p.userId);
    list.push({
      incident: wallboardIncident(incident, now, clientNames),
      level: state.level + 1,
      levelCount: Math.max(1, escalation.levelCount),
      pass: state.loop + 1,
      passes: escalation.repeat + 1,
      paged,
      nextEscalationAt: state.nextEscalationAt,
    });
  }
  return list.sort((a, b) => b.incident.ageSeconds - a.incident.ageSeconds);
}

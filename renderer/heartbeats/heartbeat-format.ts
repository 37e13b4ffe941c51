import type { HeartbeatState, HeartbeatView } from '../../shared/schemas/heartbeat.js';
import { ageText, clockText } from '../board/board-format.js';
import { formatDuration } from '../../shared/schemas/common.js';

/** How each heartbeat state reads on the console, with its tone. */
export const HEARTBEAT_STATE_LOOK: Record<HeartbeatState, { label: string; tone: 'ok' | 'bad' | 'muted' | 'warn' }> = {
  waiting: { label: 'Waiting for first ping', tone: 'muted' },
  ok: { label: 'OK', tone: 'ok' },
  late: { label: 'Late', tone: 'bad' },
  'relay-down': { label: 'Relay was down', tone: 'warn' },
};

/** The expected rhythm: "every 5m, 2m grace". */
export function rhythmText(heartbeat: Pick<HeartbeatView, 'intervalSeconds' | 'graceSeconds'>): string {
  const every = `every ${formatDuration(heartbeat.intervalSeconds)}`;
  return heartbeat.graceSeconds > 0 ? `${every}, ${formatDuration(heartbeat.graceSeconds)} grace` : every;
}

/** The last ping: "14:03:07 (4m ago)", or "never". */
export function lastPingText(heartbeat: Pick<HeartbeatView, 'lastPingAt'>, now: Date): string {
  return heartbeat.lastPingAt ? `${clockText(heartbeat.lastPingAt)} (${ageText(heartbeat.lastPingAt, now)} ago)` : 'never';
}

/** The next deadline: "14:10:07 (in 3m)", "overdue" once passed, "—" without one. */
export function deadlineText(heartbeat: Pick<HeartbeatView, 'deadlineAt'>, now: Date): string {
  if (!heartbeat.deadlineAt) return '—';
  if (Date.parse(heartbeat.deadlineAt) <= now.getTime()) return `${clockText(heartbeat.deadlineAt)} (overdue)`;
  return `${clockText(heartbeat.deadlineAt)} (in ${ageText(now.toISOString(), new Date(heartbeat.deadlineAt))})`;
}

/** The order the panel lists heartbeats in: late first, then relay-down, then the rest by name. */
export function byUrgency(a: HeartbeatView, b: HeartbeatView): number {
  const rank: Record<HeartbeatState, number> = { late: 0, 'relay-down': 1, ok: 2, waiting: 3 };
  return rank[a.state] - rank[b.state] || a.serviceName.localeCompare(b.serviceName) || a.id.localeCompare(b.id);
}

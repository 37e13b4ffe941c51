import type { HeartbeatState, HeartbeatView } from '../../shared/schemas/heartbeat.js';
import { type ClockDisplay, formatInstant } from '../time/format-instant.js';
import { ageSince } from '../time/format-relative.js';
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

/** The last ping on the viewer's clock: "14:03:07 EST (4m ago)", with the day when not today; or "never". */
export function lastPingText(heartbeat: Pick<HeartbeatView, 'lastPingAt'>, now: Date, display: ClockDisplay): string {
  return heartbeat.lastPingAt ? `${stamp(heartbeat.lastPingAt, now, display)} (${ageSince(heartbeat.lastPingAt, now)} ago)` : 'never';
}

function stamp(at: string, now: Date, display: ClockDisplay): string {
  const today = formatInstant(at, { ...display, style: 'smart', now, showZone: false }) === formatInstant(at, { ...display, style: 'time', showZone: false });
  return formatInstant(at, { ...display, style: today ? 'seconds' : 'day-seconds' });
}

/** The next deadline on the viewer's clock: "14:10:07 EST (in 3m)", "(overdue)" once passed, "—" without one. */
export function deadlineText(heartbeat: Pick<HeartbeatView, 'deadlineAt'>, now: Date, display: ClockDisplay): string {
  if (!heartbeat.deadlineAt) return '—';
  const at = stamp(heartbeat.deadlineAt, now, display);
  if (Date.parse(heartbeat.deadlineAt) <= now.getTime()) return `${at} (overdue)`;
  return `${at} (in ${ageSince(now, new Date(heartbeat.deadlineAt))})`;
}

/** The order the panel lists heartbeats in: late first, then relay-down, then the rest by name. */
export function byUrgency(a: HeartbeatView, b: HeartbeatView): number {
  const rank: Record<HeartbeatState, number> = { late: 0, 'relay-down': 1, ok: 2, waiting: 3 };
  return rank[a.state] - rank[b.state] || a.serviceName.localeCompare(b.serviceName) || a.id.localeCompare(b.id);
}

import type { HeartbeatState } from '../../../shared/schemas/heartbeat.js';

/** A heartbeat's timing, from its integration: seconds between pings and the grace past them. */
export interface HeartbeatTiming {
  intervalSeconds: number;
  graceSeconds: number;
}

/** The part of a heartbeat's stored state the deadline logic reads. */
export interface HeartbeatClock {
  state: HeartbeatState;
  lastPingAt: Date | null;
  deadlineAt: Date | null;
}

/** Returns when an incident opens after a ping (or a relay start) at `from`: `from + interval + grace`. */
export function deadlineAfter(from: Date, timing: HeartbeatTiming): Date {
  return new Date(from.getTime() + (timing.intervalSeconds + timing.graceSeconds) * 1000);
}

/** What a due deadline job should do: wait for a later deadline, open an incident, or nothing. */
export type DeadlineOutcome =
  | { kind: 'wait'; until: Date }
  | { kind: 'missed'; silentSeconds: number }
  | { kind: 'none' };

/**
 * Decides what a deadline job due at `now` does. Pings move the stored deadline without moving the
 * job (a ping costs one row update), so the job may find the deadline later and wait for it. Only a
 * heartbeat that is `ok` or `relay-down` has a deadline to miss; a `late` one has its incident open.
 */
export function onDeadline(heartbeat: HeartbeatClock, now: Date): DeadlineOutcome {
  if ((heartbeat.state !== 'ok' && heartbeat.state !== 'relay-down') || !heartbeat.deadlineAt) return { kind: 'none' };
  if (heartbeat.deadlineAt.getTime() > now.getTime()) return { kind: 'wait', until: heartbeat.deadlineAt };
  const since = heartbeat.lastPingAt ?? heartbeat.deadlineAt;
  return { kind: 'missed', silentSeconds: Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000)) };
}

/**
 * Decides, when a relay starts at `startedAt` after every relay was down since `lastAlive`, whether a
 * heartbeat's deadline fell in the downtime. Such a deadline proves nothing (nobody listened for the
 * pings), so the heartbeat becomes `relay-down` with a fresh deadline from the start; a deadline that
 * passed while a relay was still alive stands (its incident opens at once), and a later one is kept.
 * With no record of the last living relay (`lastAlive` undefined), every passed deadline is taken
 * as fallen in the downtime.
 */
export function afterDowntime(
  heartbeat: HeartbeatClock,
  timing: HeartbeatTiming,
  lastAlive: Date | undefined,
  startedAt: Date,
): { kind: 'relay-down'; deadlineAt: Date } | { kind: 'keep' } {
  if ((heartbeat.state !== 'ok' && heartbeat.state !== 'relay-down') || !heartbeat.deadlineAt) return { kind: 'keep' };
  const deadline = heartbeat.deadlineAt.getTime();
  if (deadline > startedAt.getTime()) return { kind: 'keep' };
  if (lastAlive && deadline <= lastAlive.getTime()) return { kind: 'keep' };
  return { kind: 'relay-down', deadlineAt: deadlineAfter(startedAt, timing) };
}

/** Formats how long a heartbeat has been silent: "45 s" under a minute, else whole minutes ("12 min"). */
export function silenceText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`;
}

/** The summary of a missed heartbeat's incident: "<service>[ for <client>] silent for <N min>". */
export function missedSummary(serviceName: string, clientName: string | null, silentSeconds: number): string {
  return `${serviceName}${clientName ? ` for ${clientName}` : ''} silent for ${silenceText(silentSeconds)}`;
}

/** The dedup key of a heartbeat's incidents: one open incident per heartbeat integration. */
export function heartbeatDedupKey(integrationId: string): string {
  return `heartbeat:${integrationId}`;
}

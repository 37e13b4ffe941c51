import { SNOOZE_MAX_SECONDS, SNOOZE_MIN_SECONDS, type SnoozeRequest } from '../../../shared/schemas/snooze.js';

/** When a snooze asked at `now` ends, or why it may not be asked, naming the field at fault. */
export type SnoozeEnd = { ok: true; at: Date } | { ok: false; field: 'until' | 'duration'; message: string };

/**
 * Works out when a snooze asked at `now` ends: `now + duration`, or `until`, which must lie at least
 * a minute and at most seven days ahead (the same bounds as a duration).
 */
export function snoozeEndOf(request: SnoozeRequest, now: Date): SnoozeEnd {
  if (request.duration !== undefined) return { ok: true, at: new Date(now.getTime() + request.duration * 1000) };
  if (request.until === undefined) return { ok: false, field: 'duration', message: 'give either duration or until' };
  const at = new Date(request.until);
  const seconds = (at.getTime() - now.getTime()) / 1000;
  if (seconds < SNOOZE_MIN_SECONDS) return { ok: false, field: 'until', message: 'until must be at least a minute from now' };
  if (seconds > SNOOZE_MAX_SECONDS) return { ok: false, field: 'until', message: 'until must be at most 7 days from now' };
  return { ok: true, at };
}

/** Tells whether an incident is snoozed at `now`: acknowledged, with a snooze end still ahead. */
export function isSnoozed(incident: { status: string; snoozedUntil?: string | null }, now: Date): boolean {
  return incident.status === 'acknowledged' && !!incident.snoozedUntil && Date.parse(incident.snoozedUntil) > now.getTime();
}

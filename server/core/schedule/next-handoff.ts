import type { Schedule } from '../../../shared/schemas/schedule.js';
import { finalSegments } from './on-call.js';
import { DAY_MS } from './zone-time.js';
import type { Handoff } from './types.js';

/** How far ahead {@link nextHandoff} looks, in days. */
export const HANDOFF_HORIZON_DAYS = 60;

/**
 * Finds the next instant after `at` where the set of users on call in `schedule` changes (a change
 * of layer or override alone is not a handoff), with the users who take over — an empty list when a
 * gap begins. Returns null when nothing changes within {@link HANDOFF_HORIZON_DAYS} days.
 */
export function nextHandoff(schedule: Schedule, at: Date): Handoff | null {
  const from = at.getTime();
  const line = finalSegments(schedule, from, from + HANDOFF_HORIZON_DAYS * DAY_MS);
  const current = line[0];
  if (!current) return null;
  const now = userKey(current.users);
  const change = line.find((seg) => userKey(seg.users) !== now);
  return change ? { at: new Date(change.start), users: [...change.users] } : null;
}

/** Keys a user list by membership, ignoring order. */
function userKey(users: readonly string[]): string {
  return JSON.stringify([...users].sort());
}

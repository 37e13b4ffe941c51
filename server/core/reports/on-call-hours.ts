import type { Schedule } from '../../../shared/schemas/schedule.js';
import { shifts } from '../schedule/index.js';

const HOUR_MS = 3_600_000;

/**
 * Hours each person was on call over [from, to), from the final on-call lines of `schedules`
 * (layers, restrictions and overrides, as `shifts` resolves them). Time on call in two schedules at
 * once counts once: a person's stretches are merged before they are summed.
 */
export function onCallHours(schedules: readonly Schedule[], from: Date, to: Date): Map<string, number> {
  const stretches = new Map<string, [number, number][]>();
  for (const schedule of schedules) {
    for (const shift of shifts(schedule, from, to)) {
      for (const user of shift.users) {
        let list = stretches.get(user);
        if (!list) stretches.set(user, (list = []));
        list.push([shift.start.getTime(), shift.end.getTime()]);
      }
    }
  }
  const hours = new Map<string, number>();
  for (const [user, list] of stretches) {
    list.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let start = -Infinity;
    let end = -Infinity;
    for (const [s, e] of list) {
      if (s > end) {
        if (end > start) total += end - start;
        start = s;
        end = e;
      } else if (e > end) {
        end = e;
      }
    }
    if (end > start) total += end - start;
    hours.set(user, total / HOUR_MS);
  }
  return hours;
}

/** The people a schedule can put on call: its rotations' participants and its overrides' users. */
export function scheduleMembers(schedule: Schedule): Set<string> {
  const members = new Set<string>();
  for (const layer of schedule.layers) for (const user of layer.rotation.participants) members.add(user);
  for (const override of schedule.overrides) members.add(override.user);
  return members;
}

/**
 * The time zone a person's nights and weekends are judged in: their own when set, else the zone of
 * the team of the first schedule (by id) they are in, else UTC.
 */
export function responderTimeZone(
  user: { id: string; timeZone?: string | undefined } | undefined,
  userId: string,
  schedules: readonly Schedule[],
  teamZone: (teamId: string) => string | undefined,
): string {
  if (user?.timeZone) return user.timeZone;
  const sorted = [...schedules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const schedule of sorted) {
    if (!scheduleMembers(schedule).has(userId)) continue;
    const zone = teamZone(schedule.team);
    if (zone) return zone;
  }
  return 'UTC';
}

import { DateTime } from 'luxon';

/**
 * Wall-clock fields in a chosen zone, for `datetime-local` inputs: the input shows and takes
 * "YYYY-MM-DDTHH:MM" without a zone, so the console reads it on the viewer's clock and says which.
 */

/** The value a datetime-local input shows for an instant on the wall clock of `zone`. */
export function localInputIn(at: string | number | Date, zone: string): string {
  const date = at instanceof Date ? at : new Date(at);
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/**
 * Reads a datetime-local value ("YYYY-MM-DDTHH:MM", seconds optional) on the wall clock of `zone` as
 * an ISO instant; null when empty or not a time. A wall time skipped by daylight saving time moves
 * forward (02:30 on the spring-forward night reads as 03:30).
 */
export function instantFromLocal(local: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const at = DateTime.fromISO(local, { zone });
  return at.isValid ? at.toUTC().toISO({ suppressMilliseconds: true }) : null;
}

/** The next day's `hour`:00 on the wall clock of `zone` after `now` ("until tomorrow morning"). */
export function tomorrowAtIn(zone: string, now: Date, hour = 8): Date {
  return DateTime.fromJSDate(now, { zone }).plus({ days: 1 }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

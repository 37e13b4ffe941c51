import { DateTime } from 'luxon';
import type { Weekday } from '../../../shared/schemas/common.js';

/** A calendar date in some time zone, without a time. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The UTC offset, in minutes, that `zone` has at the instant `ms`. */
export function offsetAt(ms: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/** The calendar date an instant falls on in `zone`. */
export function localDateOf(ms: number, zone: string): LocalDate {
  const local = DateTime.fromMillis(ms, { zone });
  return { year: local.year, month: local.month, day: local.day };
}

// Calendar arithmetic runs on UTC midnights, where every day has 24 hours.
function utcMidnight(date: LocalDate): Date {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d;
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(utcMidnight(date).getTime() + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The day of the week of a date, as config files spell it ("mon" … "sun"). */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[utcMidnight(date).getUTCDay()]!;
}

/** A date as "YYYY-MM-DD", the form of team holidays. */
export function isoDate(date: LocalDate): string {
  return utcMidnight(date).toISOString().slice(0, 10);
}

/**
 * The instant at which a wall-clock time "HH:MM" ("24:00" = the next day's midnight) happens on
 * `date` in `zone`, in epoch milliseconds. A time the clocks skip (a DST gap) moves forward to the
 * first valid instant, the moment the clocks jump; a time that happens twice (clocks going back)
 * means its first occurrence.
 */
export function instantAt(date: LocalDate, time: string, zone: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const day = hours === 24 ? addDays(date, 1) : date;
  const wall = utcMidnight(day).getTime() + ((hours % 24) * 60 + minutes) * 60_000;
  // Offsets a day either side are those before and after any transition near this wall time.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((ms) => offsetAt(ms, zone) * 60_000 === wall - ms);
  if (valid.length > 0) return Math.min(...valid);
  return transitionBetween(wall - after * 60_000, wall - before * 60_000, before, zone);
}

// The first instant in (lo, hi] whose offset is no longer `before`: the moment a gap's clocks jump.
// Transitions fall on whole seconds, so the search runs over seconds.
function transitionBetween(lo: number, hi: number, before: number, zone: string): number {
  let low = Math.floor(lo / 1000);
  let high = Math.ceil(hi / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid * 1000, zone) === before) low = mid;
    else high = mid;
  }
  return high * 1000;
}

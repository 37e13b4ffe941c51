import { formatInstant, type HourCycle } from '../time/format-instant.js';
import { zoneCity } from '../time/time-zone.js';

/**
 * "Now" and the next handoff on the schedule's clock, not the browser's and not UTC's: the calendar,
 * its "now" line and the handoff line are all read in the schedule's zone, and say which zone that is.
 * (Dates and labels come from the console's one time module, `renderer/time/`.)
 */

/** A day of the calendar as the relay sends it: its date in the schedule's zone and the instants it spans. */
export interface ZonedDay {
  date: string;
  start: string;
  end: string;
}

/**
 * Where "now" falls in a run of days: the day's date and its position in percent of that day, or
 * null when now is outside them. Days are the schedule's own (23 or 25 hours on DST days).
 */
export function nowInDays(at: Date, days: readonly ZonedDay[]): { date: string; pct: number } | null {
  const t = at.getTime();
  for (const day of days) {
    const start = Date.parse(day.start);
    const end = Date.parse(day.end);
    if (start <= t && t < end) return { date: day.date, pct: ((t - start) / (end - start)) * 100 };
  }
  return null;
}

/**
 * The next handoff as the schedules page shows it: when, on the schedule's wall clock with its zone's
 * label and city ("Tue 1 Dec 09:00 EST (New York) → Bob Example"), and to whom.
 */
export function handoffText(
  next: { at: string; users: readonly string[] } | null,
  timeZone: string,
  hourCycle: HourCycle,
  nameOf: (id: string) => string,
): string {
  if (!next) return 'No handoff in the next 60 days';
  const when = formatInstant(next.at, { zone: timeZone, hourCycle, style: 'day-time' });
  return `${when} (${zoneCity(timeZone)}) → ${next.users.map(nameOf).join(', ') || 'nobody'}`;
}

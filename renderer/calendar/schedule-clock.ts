import { formatInstant, type HourCycle } from '../time/format-instant.js';
import { zoneCity } from '../time/time-zone.js';

/**
 * The schedule's clock, not the browser's and not UTC's: the calendar's days and the handoff line are
 * read in the schedule's zone, and say which zone that is. (Dates and labels come from the console's
 * one time module, `renderer/time/`; the "now" line is placed on those days by `NowLine.vue`.)
 */

/** A day of the calendar as the relay sends it: its date in the schedule's zone and the instants it spans. */
export interface ZonedDay {
  date: string;
  start: string;
  end: string;
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

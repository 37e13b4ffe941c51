/**
 * "Today" and "now" on the schedule's clock, not the browser's and not UTC: the calendar, its "now"
 * line and the next handoff are all read in the schedule's time zone, and say which zone that is.
 */

/** The parts of an instant on the wall clock of `timeZone`. */
function partsIn(at: Date, timeZone: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** The date ("YYYY-MM-DD") it is at `at` in `timeZone`: the schedule's "today". */
export function todayIn(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The zone's short name at `at` ("EST", "GMT+1", "UTC"), as the browser's Intl names it. */
export function zoneAbbreviation(at: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/**
 * Writes an instant for people reading the schedule: "Tue 1 Dec, 09:00 EST" on the zone's wall clock,
 * with the zone's short name so nobody reads it as their own local time.
 */
export function formatInZone(at: Date | string, timeZone: string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(instant);
  const p = partsIn(instant, timeZone);
  return `${date}, ${p.hour}:${p.minute} ${zoneAbbreviation(instant, timeZone)}`;
}

/** A day of the calendar as the relay sends it: its date and the instants it spans. */
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

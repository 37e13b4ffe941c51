import { addDays, instantAt, isoDate, localDateOf, weekdayOf, type BusinessTeam } from '../business-hours/index.js';

/** One stretch of business hours, in epoch milliseconds [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * Returns the team's business-hours windows that overlap [from, to), in time order, read in the
 * team's zone exactly as `isBusinessTime` reads them: a window belongs to the day it starts, `end`
 * not after `start` runs into the next day, holidays and non-working days have none.
 */
export function businessWindows(team: BusinessTeam, from: number, to: number): Span[] {
  const { days, start, end } = team.businessHours;
  const windows: Span[] = [];
  let date = addDays(localDateOf(from, team.timeZone), -1);
  const last = localDateOf(to, team.timeZone);
  while (isoDate(date) <= isoDate(last)) {
    if (days.includes(weekdayOf(date)) && !team.holidays.includes(isoDate(date))) {
      const s = instantAt(date, start, team.timeZone);
      const e = instantAt(end <= start ? addDays(date, 1) : date, end, team.timeZone);
      if (e > s && e > from && s < to) windows.push({ start: Math.max(s, from), end: Math.min(e, to) });
    }
    date = addDays(date, 1);
  }
  return windows;
}

/** Returns how many milliseconds of [from, to) lie outside the given sorted business windows. */
export function offHoursMs(windows: readonly Span[], from: number, to: number): number {
  let inside = 0;
  for (const w of windows) inside += Math.max(0, Math.min(w.end, to) - Math.max(w.start, from));
  return to - from - inside;
}

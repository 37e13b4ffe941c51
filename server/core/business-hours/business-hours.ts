import type { Team } from '../../../shared/schemas/team.js';
import { addDays, instantAt, isoDate, localDateOf, weekdayOf, type LocalDate } from './zoned-time.js';

/** The part of a team that business hours read. */
export type BusinessTeam = Pick<Team, 'timeZone' | 'businessHours' | 'holidays'>;

interface Window {
  start: number;
  end: number;
}

// The business window that starts on `date`, or undefined when the team does not work that day (a
// weekday outside `days`, or a holiday). A window whose end is not after its start runs overnight and
// ends the next day; a window belongs to the day it starts, even when it runs into a holiday.
function windowOn(team: BusinessTeam, date: LocalDate): Window | undefined {
  const { days, start, end } = team.businessHours;
  if (!days.includes(weekdayOf(date)) || team.holidays.includes(isoDate(date))) return undefined;
  const startMs = instantAt(date, start, team.timeZone);
  const endMs = instantAt(end <= start ? addDays(date, 1) : date, end, team.timeZone);
  // A window that a DST gap swallowed entirely (both ends moved to the same instant) is empty.
  return endMs > startMs ? { start: startMs, end: endMs } : undefined;
}

/**
 * Tells whether `at` falls inside the team's business hours, read in the team's time zone: on one
 * of its `days` that is not a holiday, from `start` (inclusive) to `end` (exclusive); `end` not after
 * `start` means the window runs past midnight into the next day.
 */
export function isBusinessTime(team: BusinessTeam, at: Date): boolean {
  const ms = at.getTime();
  const today = localDateOf(ms, team.timeZone);
  // A window lasts at most a day, so only yesterday's (overnight) and today's can hold `at`.
  return [addDays(today, -1), today].some((date) => {
    const window = windowOn(team, date);
    return window !== undefined && window.start <= ms && ms < window.end;
  });
}

/**
 * The next instant business hours begin: `at` itself when it is within business hours, otherwise
 * the start of the next window, skipping non-working days and holidays, exact across DST changes (a
 * start the clocks skip moves to the moment they jump). Should no window exist within a year and
 * the holidays' span, it returns `at`, so an incident is never held for ever.
 */
export function nextBusinessStart(team: BusinessTeam, at: Date): Date {
  if (isBusinessTime(team, at)) return new Date(at.getTime());
  const ms = at.getTime();
  const today = localDateOf(ms, team.timeZone);
  const horizon = 370 + team.holidays.length;
  for (let offset = -1; offset <= horizon; offset++) {
    const window = windowOn(team, addDays(today, offset));
    if (window && window.start > ms) return new Date(window.start);
  }
  return new Date(ms);
}

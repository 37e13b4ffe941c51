import type { CalendarDay, CalendarViewKind } from '../../../shared/schemas/calendar.js';
import { addDays, instantAt, isoDate, weekdayOf, type LocalDate } from '../business-hours/index.js';

const WEEK: readonly string[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Parses "YYYY-MM-DD" into a local date, or returns null when it is not a real calendar date. */
export function parseLocalDate(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isoDate(date) === text ? date : null;
}

/** Returns the Monday of the week holding `date`. */
function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, -WEEK.indexOf(weekdayOf(date)));
}

/**
 * Returns the days a calendar view shows around `anchor`, in `timeZone`: for `week` the Monday to
 * Sunday holding it, for `month` whole weeks (Monday first) covering its month. Each day spans its
 * local midnight to the next one, so a DST day lasts 23 or 25 hours.
 */
export function calendarDays(view: CalendarViewKind, anchor: LocalDate, timeZone: string): CalendarDay[] {
  let first: LocalDate;
  let count: number;
  if (view === 'week') {
    first = mondayOf(anchor);
    count = 7;
  } else {
    const start = { year: anchor.year, month: anchor.month, day: 1 };
    const nextMonth = anchor.month === 12 ? { year: anchor.year + 1, month: 1, day: 1 } : { year: anchor.year, month: anchor.month + 1, day: 1 };
    const last = addDays(nextMonth, -1);
    first = mondayOf(start);
    const end = addDays(mondayOf(last), 7);
    count = Math.round((Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(first.year, first.month - 1, first.day)) / 86_400_000);
  }
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(first, i);
    return {
      date: isoDate(date),
      start: new Date(instantAt(date, '00:00', timeZone)).toISOString(),
      end: new Date(instantAt(addDays(date, 1), '00:00', timeZone)).toISOString(),
    };
  });
}

import type { CalendarBar, CalendarDay } from '../../shared/schemas/calendar.js';

/** One bar drawn inside one day cell, placed in percent of the day's width. */
export interface DayBar {
  key: string;
  leftPct: number;
  widthPct: number;
  users: string[];
  override: boolean;
  gap: boolean;
  start: string;
  end: string;
}

/**
 * Places an on-call line's bars inside one day of the calendar: each bar clipped to the day, as a
 * share of the day's real length (23 or 25 hours on DST days). Bars outside the day are left out.
 */
export function layoutDay(day: CalendarDay, bars: readonly CalendarBar[]): DayBar[] {
  const dayStart = Date.parse(day.start);
  const dayEnd = Date.parse(day.end);
  const length = dayEnd - dayStart;
  const out: DayBar[] = [];
  for (const bar of bars) {
    const start = Math.max(dayStart, Date.parse(bar.start));
    const end = Math.min(dayEnd, Date.parse(bar.end));
    if (!(start < end)) continue;
    out.push({
      key: `${day.date}-${bar.start}`,
      leftPct: ((start - dayStart) / length) * 100,
      widthPct: ((end - start) / length) * 100,
      users: bar.users,
      override: bar.override,
      gap: bar.users.length === 0,
      start: bar.start,
      end: bar.end,
    });
  }
  return out;
}

/** Splits a view's days into weeks of seven (Monday first, as the relay sends them). */
export function weeksOf<T>(days: readonly T[]): T[][] {
  const weeks: T[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  return weeks;
}

/** Returns the date `days` calendar days after "YYYY-MM-DD". */
export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Turns a range of days dragged over on the calendar (in either direction) into an override's
 * wall-clock range: from the first day's midnight to the midnight after the last day.
 */
export function dragRange(a: string, b: string): { start: string; end: string } {
  const [first, last] = a <= b ? [a, b] : [b, a];
  return { start: `${first}T00:00`, end: `${addDaysTo(last, 1)}T00:00` };
}

/** The views the console draws: the month grid, and the week and day timelines. */
export type DisplayView = 'month' | 'week' | 'day';

/** Returns the date the view moves to from `date` by `step` months, weeks or days. */
export function stepAnchor(date: string, view: DisplayView, step: number): string {
  if (view === 'day') return addDaysTo(date, step);
  if (view === 'week') return addDaysTo(date, 7 * step);
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + step);
  return d.toISOString().slice(0, 10);
}

// Making an Intl.DateTimeFormat costs far more than using one, and a month grid formats hundreds of
// bar times each time it is drawn: one formatter per zone and shape, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(locale: 'en-GB' | 'sv-SE', timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${Object.keys(options).join()}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** Formats an instant's wall-clock time "HH:MM" in `timeZone`. */
export function clockIn(at: string, timeZone: string): string {
  return formatterFor('en-GB', timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}

/** Formats an instant as "YYYY-MM-DDTHH:MM" on the wall clock of `timeZone` (an override's form). */
export function localDateTimeIn(at: string | Date, timeZone: string): string {
  const text = formatterFor('sv-SE', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
  return text.replace(' ', 'T');
}

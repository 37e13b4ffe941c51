import { DateTime } from 'luxon';
import { formatInstant } from '../time/format-instant.js';

/** The range presets of the Reports page; `custom` uses the two dates the person picked. */
export const RANGE_PRESETS = ['last-7-days', 'last-30-days', 'last-90-days', 'this-month', 'last-month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** What each preset is called on the page. */
export const RANGE_LABELS: Record<RangePreset, string> = {
  'last-7-days': 'Last 7 days',
  'last-30-days': 'Last 30 days',
  'last-90-days': 'Last 90 days',
  'this-month': 'This month',
  'last-month': 'Last month',
  custom: 'Custom range',
};

/** A range as the page holds it: a preset, and for `custom` the first and last day (ISO dates, both included). */
export interface RangeChoice {
  preset: RangePreset;
  /** `YYYY-MM-DD`, the first day of a custom range. */
  fromDate?: string;
  /** `YYYY-MM-DD`, the last day of a custom range (included). */
  toDate?: string;
}

/** A range as the relay takes it: two instants, `from` included, `to` left out. */
export interface InstantRange {
  from: string;
  to: string;
}

/** The longest range the relay reports on (its `ReportQuerySchema` refuses more). */
export const MAX_RANGE_DAYS = 366;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The time zone the console runs in (the person's own). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when `text` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string | undefined): text is string {
  return !!text && ISO_DATE.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

/**
 * Turns a range choice into the instants the relay takes, reading days in `zone` (the person's):
 * "last 7 days" is today and the six days before, from local midnight to the next local midnight;
 * "this month" runs to the end of today; a custom range from the start of its first day to the end
 * of its last. Returns a reason instead when a custom range is incomplete, reversed or too long.
 */
export function rangeInstants(choice: RangeChoice, now: Date, zone: string = localTimeZone()): InstantRange | { error: string } {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const span = (first: DateTime, last: DateTime): InstantRange => ({
    from: first.toUTC().toISO()!,
    to: last.plus({ days: 1 }).startOf('day').toUTC().toISO()!,
  });
  switch (choice.preset) {
    case 'last-7-days':
      return span(today.minus({ days: 6 }), today);
    case 'last-30-days':
      return span(today.minus({ days: 29 }), today);
    case 'last-90-days':
      return span(today.minus({ days: 89 }), today);
    case 'this-month':
      return span(today.startOf('month'), today);
    case 'last-month': {
      const first = today.startOf('month').minus({ months: 1 });
      return span(first, first.endOf('month').startOf('day'));
    }
    case 'custom': {
      if (!isIsoDate(choice.fromDate) || !isIsoDate(choice.toDate)) return { error: 'Pick the first and the last day of the range.' };
      const first = DateTime.fromISO(choice.fromDate, { zone });
      const last = DateTime.fromISO(choice.toDate, { zone });
      if (last < first) return { error: 'The last day comes before the first day.' };
      const range = span(first, last);
      // Measured in instants, as the relay measures it (a day across a clock change is not 24 hours).
      if (Date.parse(range.to) - Date.parse(range.from) > MAX_RANGE_DAYS * 86_400_000) return { error: `A report covers at most ${MAX_RANGE_DAYS} days.` };
      return range;
    }
  }
}

/** The first and last day (ISO dates in `zone`) a range covers, to prefill the custom range's pickers. */
export function rangeDays(range: InstantRange, zone: string = localTimeZone()): { fromDate: string; toDate: string } {
  const from = DateTime.fromISO(range.from, { zone });
  // `to` is left out of the range: its last day is the one before it (or the same day when `to` is not a midnight).
  const to = DateTime.fromISO(range.to, { zone }).minus({ milliseconds: 1 });
  return { fromDate: from.toISODate()!, toDate: to.toISODate()! };
}

/** The range said for people: "1 Nov 2026 – 30 Nov 2026", its days read in `zone`, in the console's one date format. */
export function rangeText(range: InstantRange, zone: string = localTimeZone()): string {
  const { fromDate, toDate } = rangeDays(range, zone);
  const say = (iso: string) => formatInstant(`${iso}T12:00:00Z`, { zone: 'UTC', style: 'date', showZone: false });
  return fromDate === toDate ? say(fromDate) : `${say(fromDate)} – ${say(toDate)}`;
}

import { type ClockDisplay, formatInstant } from '../time/format-instant.js';
import { formatAge } from '../time/format-relative.js';

/** Formats a share as a whole percentage ("12%"), "—" for none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** How a value moved against the week before: for times and false positives, lower is better. */
export type Trend = 'better' | 'worse' | 'same' | 'unknown';

/** Compares this week's value with last week's (lower is better); within 5 % counts as the same. */
export function trendOf(current: number | null, previous: number | null): Trend {
  if (current === null || previous === null) return 'unknown';
  if (previous === 0) return current === 0 ? 'same' : 'worse';
  const change = (current - previous) / previous;
  if (Math.abs(change) < 0.05) return 'same';
  return change < 0 ? 'better' : 'worse';
}

/** The arrow and words a wall screen shows for a trend. */
export function trendText(trend: Trend): string {
  return { better: '▼ better than last week', worse: '▲ worse than last week', same: '■ same as last week', unknown: '' }[trend];
}

/**
 * Says when a schedule's next handoff is, relative to `now` and on the viewer's clock with its zone:
 * "in 3h 05m (Tue 1 Dec 09:00 GMT)"; "no handoff in the next 60 days" when there is none.
 */
export function handoffText(iso: string | null | undefined, now: Date, display: ClockDisplay): string {
  if (!iso) return 'no handoff in the next 60 days';
  const at = new Date(iso);
  const when = formatInstant(at, { ...display, style: 'day-time', now });
  return `in ${formatAge((at.getTime() - now.getTime()) / 1000)} (${when})`;
}

/** The people taking over at a handoff, as the wall screen names them; a gap says so. */
export function nextPeopleText(people: readonly string[] | undefined): string {
  if (!people) return '—';
  return people.length ? people.join(', ') : 'nobody — a gap begins';
}

/**
 * The root font size (px) that makes the wall screen readable from 5 m on its screen: about 0.9 % of
 * the width, never under 14 px (small monitors) nor over 40 px (beyond 4K).
 */
export function wallFontPx(widthPx: number): number {
  return Math.min(40, Math.max(14, Math.round(widthPx * 0.009)));
}

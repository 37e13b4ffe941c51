import type { Restriction } from '../../../shared/schemas/schedule.js';
import type { Weekday } from '../../../shared/schemas/common.js';
import { DAY_MS, MINUTE_MS, localDayStart, parseLocalTime, type ZoneTime } from './zone-time.js';

/** A half-open stretch of time [start, end) in epoch milliseconds. */
export interface Interval {
  /** The first instant, in epoch milliseconds. */
  start: number;
  /** The first instant after, in epoch milliseconds. */
  end: number;
}

/** Day numbers as `Date.prototype.getUTCDay` counts them. */
const WEEKDAY_NUMBER: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Minutes in a day; a window is at most two of them long (it may start at "24:00"). */
const DAY_MINUTES = 24 * 60;

/**
 * Lists the stretches of [from, to) that the weekly `restrictions` allow, sorted, merged and clipped
 * to the range. A window opens on each listed day at `start` local time and closes at `end` the same
 * day, or the next day when `end` is not after `start` ("24:00" is the next midnight). Boundaries
 * that fall in a DST gap move forward and repeated readings take the earlier instant. No
 * restrictions allow the whole range.
 */
export function restrictionWindows(
  restrictions: readonly Restriction[],
  zone: ZoneTime,
  from: number,
  to: number,
): Interval[] {
  if (!(from < to)) return [];
  if (restrictions.length === 0) return [{ start: from, end: to }];

  const windows: Interval[] = [];
  // A window opens on its day and lasts at most two days, so start two days early; a day margin
  // at the end covers the difference between local and UTC readings.
  const firstDay = localDayStart(zone.toLocal(from)) - 2 * DAY_MS;
  const lastDay = localDayStart(zone.toLocal(to)) + DAY_MS;
  for (const restriction of restrictions) {
    const open = parseLocalTime(restriction.start);
    const close = parseLocalTime(restriction.end);
    if (open === null || close === null) continue;
    const closeAfter = close <= open ? close + DAY_MINUTES : close;
    const days = new Set(restriction.days.map((day) => WEEKDAY_NUMBER[day]));
    for (let day = firstDay; day <= lastDay; day += DAY_MS) {
      if (!days.has(new Date(day).getUTCDay())) continue;
      const start = Math.max(zone.fromLocal(day + open * MINUTE_MS), from);
      const end = Math.min(zone.fromLocal(day + closeAfter * MINUTE_MS), to);
      if (start < end) windows.push({ start, end });
    }
  }
  return mergeIntervals(windows);
}

/** Sorts intervals and joins those that overlap or touch. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

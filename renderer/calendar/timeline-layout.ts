import type { CalendarBar } from '../../shared/schemas/calendar.js';
import { wallClock } from '../time/time-zone.js';
import { localDateTimeIn } from './calendar-layout.js';
import type { ZonedDay } from './schedule-clock.js';

const HOUR_MS = 3_600_000;

/** The stretch of time a timeline spans, as instants in milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** One bar on a timeline lane, placed in percent of the span. */
export interface LaneBar {
  key: string;
  leftPct: number;
  widthPct: number;
  users: string[];
  override: boolean;
  gap: boolean;
  start: string;
  end: string;
}

/** One mark on the hour axis: where it sits, its label, and whether it starts a day. */
export interface AxisTick {
  key: string;
  pct: number;
  label: string;
  dayStart: boolean;
}

/** The span of a run of days: from the first day's start to the last day's end. */
export function spanOf(days: readonly ZonedDay[]): Span {
  if (days.length === 0) return { start: 0, end: 1 };
  return { start: Date.parse(days[0]!.start), end: Date.parse(days.at(-1)!.end) };
}

/** Where an instant sits on the span, in percent (may fall outside 0–100). */
export function pctOf(at: number, span: Span): number {
  return ((at - span.start) / (span.end - span.start)) * 100;
}

/**
 * Places a line's bars on a timeline: each clipped to the span, in percent of its real length (DST
 * days included). Bars wholly outside are left out.
 */
export function placeOnSpan(span: Span, bars: readonly CalendarBar[]): LaneBar[] {
  const out: LaneBar[] = [];
  for (const bar of bars) {
    const start = Math.max(span.start, Date.parse(bar.start));
    const end = Math.min(span.end, Date.parse(bar.end));
    if (!(start < end)) continue;
    out.push({
      key: bar.start,
      leftPct: pctOf(start, span),
      widthPct: pctOf(end, span) - pctOf(start, span),
      users: bar.users,
      override: bar.override,
      gap: bar.users.length === 0,
      start: bar.start,
      end: bar.end,
    });
  }
  return out;
}

/** The hour of the day at `at` on the zone's clock (through the cached formatter of renderer/time). */
function hourIn(at: number, timeZone: string): number {
  return wallClock(at, timeZone).hour;
}

/**
 * The hour axis of a run of days on the schedule's clock: a tick at each day's start (labelled with
 * its weekday and date) and at every `every`-th local hour inside it (labelled "HH:00"). Counting
 * real hours from each local midnight, a 23-hour day has no 02:00 and a 25-hour day has 01:00 twice.
 */
export function hourAxis(days: readonly ZonedDay[], timeZone: string, every: number): AxisTick[] {
  const span = spanOf(days);
  const ticks: AxisTick[] = [];
  for (const day of days) {
    const start = Date.parse(day.start);
    const end = Date.parse(day.end);
    const weekday = new Date(`${day.date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
    ticks.push({ key: `${day.date}`, pct: pctOf(start, span), label: weekday, dayStart: true });
    for (let t = start + HOUR_MS; t < end; t += HOUR_MS) {
      const hour = hourIn(t, timeZone);
      if (hour % every !== 0) continue;
      ticks.push({ key: `${day.date}-${t}`, pct: pctOf(t, span), label: `${String(hour).padStart(2, '0')}:00`, dayStart: false });
    }
  }
  return ticks;
}

/** The instant at `pct` percent of the span. */
export function instantAt(pct: number, span: Span): number {
  return span.start + (Math.max(0, Math.min(100, pct)) / 100) * (span.end - span.start);
}

/** An instant's local time in `timeZone`, rounded down to the whole hour ("YYYY-MM-DDTHH:00"). */
export function floorHourIn(at: number, timeZone: string): string {
  return `${localDateTimeIn(new Date(at), timeZone).slice(0, 13)}:00`;
}

/**
 * Turns a drag along a timeline (from `aPct` to `bPct`, either way) into an override's wall-clock
 * range in the schedule's zone, widened to whole hours; a click without moving takes the hour clicked.
 */
export function dragHours(aPct: number, bPct: number, span: Span, timeZone: string): { start: string; end: string } {
  const [lo, hi] = aPct <= bPct ? [aPct, bPct] : [bPct, aPct];
  const from = instantAt(lo, span);
  const until = instantAt(hi, span);
  const start = floorHourIn(from, timeZone);
  const end = until - from < 60_000 ? floorHourIn(from + HOUR_MS, timeZone) : floorHourIn(until + HOUR_MS - 1, timeZone);
  return { start, end };
}

/** Initials of a name ("Bob Example" → "BE"). */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('')
    .slice(0, 3);
}

/** Average width of a character of bar text in pixels (0.72rem system sans), with padding room. */
const CHAR_PX = 6.6;
const PAD_PX = 8;

/**
 * What a bar `widthPx` wide can show of `names` (several people joined by ", "): every full name if
 * it fits, else their initials, else nothing (the bar's tooltip always has the full text).
 */
export function barLabel(names: readonly string[], widthPx: number): { text: string; full: boolean } {
  const full = names.join(', ');
  if (full.length * CHAR_PX + PAD_PX <= widthPx) return { text: full, full: true };
  const initials = names.map(initialsOf).join(', ');
  if (initials.length * CHAR_PX + PAD_PX <= widthPx) return { text: initials, full: false };
  return { text: '', full: false };
}

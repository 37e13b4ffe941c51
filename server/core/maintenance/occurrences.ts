import { DateTime } from 'luxon';
import rrule from 'rrule';
import type { MaintenanceRecurrence, Occurrence } from '../../../shared/schemas/maintenance.js';

const { RRule } = rrule;

/** The most occurrences any one expansion walks through, so that no rule can keep the relay busy. */
export const MAX_EXPANSION = 2_000;

/** The timing of a window, as `compileTiming` reads it. */
export interface WindowTiming {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  recurrence?: MaintenanceRecurrence | undefined;
  timeZone: string;
  /** When someone ended the window early: the occurrence running then ends at this instant. */
  endedAt?: string | null | undefined;
}

/** A window's occurrences, computed on demand; every method takes the instant it asks about. */
export interface CompiledTiming {
  /** The occurrence running at `now` (start ≤ now < end), if any. */
  at(now: Date): Occurrence | undefined;
  /** The first occurrence that starts after `now`, if any. */
  nextAfter(now: Date): Occurrence | undefined;
  /** Up to `limit` occurrences that overlap [from, to), in order. */
  between(from: Date, to: Date, limit?: number): Occurrence[];
}

/** Why a window's timing was refused, naming the field at fault. */
export interface TimingIssue {
  field: string;
  message: string;
}

const DAY_MS = 86_400_000;

// Wall-clock time in `zone` as a "floating" Date whose UTC fields are the local fields (rrule's model).
function floating(instant: Date, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

// The instant a floating wall-clock time stands for in `zone`. A time repeated by a fall-back is read
// at its first (earlier) instant, so a window starts as early as it may; a time skipped by a spring
// forward moves on by the gap.
function instantOf(wall: Date, zone: string): Date {
  const read = DateTime.fromObject(
    { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() },
    { zone },
  );
  const candidates = [read.minus({ hours: 6 }).offset, read.plus({ hours: 6 }).offset]
    .map((offset) => wall.getTime() - offset * 60_000)
    .filter((ms) => DateTime.fromMillis(ms, { zone }).offset * 60_000 === wall.getTime() - ms);
  return candidates.length ? new Date(Math.min(...candidates)) : read.toJSDate();
}

function parseLocal(text: string): Date {
  const [date, time] = text.split('T') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number | undefined];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s ?? 0));
}

/**
 * Reads an RRULE body with its first local start into an rrule rule over floating wall-clock time,
 * or the issue that refuses it: not a rule, no occurrence at all, or firing more often than hourly
 * without a COUNT or UNTIL.
 */
export function parseRecurrence(recurrence: MaintenanceRecurrence): { ok: true; rule: InstanceType<typeof RRule> } | { ok: false; issue: TimingIssue } {
  const field = 'recurrence.rrule';
  try {
    const text = recurrence.rrule.replace(/^RRULE:/, '');
    const options = RRule.parseString(text);
    if (options.dtstart) return { ok: false, issue: { field, message: 'leave DTSTART out; recurrence.start says when the first occurrence starts' } };
    if (options.freq === undefined) return { ok: false, issue: { field, message: 'the rule needs a FREQ' } };
    if (options.freq > RRule.HOURLY && options.count == null && options.until == null) {
      return { ok: false, issue: { field, message: 'a rule that repeats more often than hourly needs a COUNT or an UNTIL' } };
    }
    if (options.interval !== undefined && options.interval < 1) return { ok: false, issue: { field, message: 'INTERVAL must be 1 or more' } };
    const rule = new RRule({ ...options, dtstart: parseLocal(recurrence.start) });
    if (rule.all((_, i) => i < 1).length === 0) return { ok: false, issue: { field, message: 'the rule has no occurrence' } };
    return { ok: true, rule };
  } catch (error) {
    return { ok: false, issue: { field, message: `not a valid RRULE: ${(error as Error).message}` } };
  }
}

/**
 * Compiles a window's timing: a one-off window is its one occurrence; a recurring one starts at each
 * of its rule's local wall times in its zone and ends `durationMinutes` of wall-clock time later, so
 * "every Sunday 02:00–04:00 Europe/London" stays 02:00–04:00 local across DST. Returns the issue
 * naming the field when the rule is refused.
 */
export function compileTiming(window: WindowTiming): { ok: true; timing: CompiledTiming } | { ok: false; issue: TimingIssue } {
  const endedAt = window.endedAt ? Date.parse(window.endedAt) : Infinity;
  // Ending early cuts the occurrence running then short; later occurrences of a recurring window stay.
  const clip = (o: { start: number; end: number }): Occurrence | undefined => {
    const end = o.start < endedAt ? Math.min(o.end, endedAt) : o.end;
    return end > o.start ? { start: new Date(o.start).toISOString(), end: new Date(end).toISOString() } : undefined;
  };

  if (!window.recurrence) {
    const one = clip({ start: Date.parse(window.startsAt ?? ''), end: Date.parse(window.endsAt ?? '') });
    const list = one ? [one] : [];
    return { ok: true, timing: timingOf((from, to, limit) => list.filter((o) => Date.parse(o.end) > from && Date.parse(o.start) < to).slice(0, limit)) };
  }
  const parsed = parseRecurrence(window.recurrence);
  if (!parsed.ok) return parsed;
  const { rule } = parsed;
  const zone = window.timeZone;
  const durationMs = window.recurrence.durationMinutes * 60_000;
  const expand = (from: number, to: number, limit: number): Occurrence[] => {
    // Occurrences that overlap [from, to) start before `to` and after `from - duration`; a day either
    // side covers any zone offset.
    const wallFrom = new Date(floating(new Date(from), zone).getTime() - durationMs - DAY_MS);
    const wallTo = new Date(floating(new Date(to), zone).getTime() + DAY_MS);
    const out: Occurrence[] = [];
    let walked = 0;
    rule.between(wallFrom, wallTo, true, (wall) => {
      walked += 1;
      const start = instantOf(wall, zone).getTime();
      let end = instantOf(new Date(wall.getTime() + durationMs), zone).getTime();
      if (end <= start) end = start + durationMs;
      const occurrence = end > from && start < to ? clip({ start, end }) : undefined;
      if (occurrence) out.push(occurrence);
      return out.length < limit && walked < MAX_EXPANSION;
    });
    return out;
  };
  return { ok: true, timing: timingOf(expand) };
}

function timingOf(expand: (from: number, to: number, limit: number) => Occurrence[]): CompiledTiming {
  return {
    at(now) {
      const t = now.getTime();
      return expand(t, t + 1, 8).find((o) => Date.parse(o.start) <= t && Date.parse(o.end) > t);
    },
    nextAfter(now) {
      const t = now.getTime();
      // Look a year ahead, then ten; a rule whose next start lies further is treated as having none.
      for (const span of [366 * DAY_MS, 3660 * DAY_MS]) {
        const found = expand(t, t + span, 50).find((o) => Date.parse(o.start) > t);
        if (found) return found;
      }
      return undefined;
    },
    between(from, to, limit = 100) {
      return expand(from.getTime(), to.getTime(), limit);
    },
  };
}

import { toDate, wallClock, zoneLabel, type WallClock } from './time-zone.js';

/** 12-hour ("2:03 PM") or 24-hour ("14:03") clock. */
export type HourCycle = 12 | 24;

/**
 * How much of an instant to show:
 * - `time` "14:03", `seconds` "14:03:07" — for times whose day is plain from context (today's lists);
 * - `day-time` "Sat 28 Nov 14:03", `day-seconds` "Sat 28 Nov 14:03:07" — within the year;
 * - `date-time` "28 Nov 2026 14:03", `date` "28 Nov 2026";
 * - `smart` — `time` when the instant is on the same day as `now` in that zone, `day-time` otherwise.
 */
export type TimeStyle = 'time' | 'seconds' | 'day-time' | 'day-seconds' | 'date-time' | 'date' | 'smart';

/** What a formatted time needs: the zone, the hour cycle, and the style. */
export interface InstantOptions {
  /** The IANA zone the wall clock is read in. */
  zone: string;
  /** 12- or 24-hour clock; 24 unless said. */
  hourCycle?: HourCycle;
  /** How much to show; `date-time` unless said. */
  style?: TimeStyle;
  /** Appends the zone label ("14:03 EST"); true unless said — leave it on except where a heading already names the zone. */
  showZone?: boolean;
  /** The instant `smart` compares the day with; the present moment unless said. */
  now?: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The time of day of a wall clock on the chosen hour cycle ("14:03", "2:03 PM", "14:03:07", "2:03:07 PM"). */
export function clockOf(w: WallClock, hourCycle: HourCycle, seconds = false): string {
  const rest = `${pad(w.minute)}${seconds ? `:${pad(w.second)}` : ''}`;
  if (hourCycle === 24) return `${pad(w.hour)}:${rest}`;
  return `${w.hour % 12 || 12}:${rest} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

/** The day of a wall clock: "Sat 28 Nov" or, with the year, "28 Nov 2026". */
export function dayOf(w: WallClock, withYear: boolean): string {
  return withYear ? `${w.day} ${MONTHS[w.month - 1]} ${w.year}` : `${WEEKDAYS[w.weekday]} ${w.day} ${MONTHS[w.month - 1]}`;
}

const sameDay = (a: WallClock, b: WallClock) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * Formats an instant on the wall clock of `opts.zone`, in one house format for every screen, with the
 * zone's label unless told otherwise: "28 Nov 2026 14:03 EST", "Sat 28 Nov 2:03 PM EST", "14:03:07 UTC+5:30".
 * Returns "—" for a missing or unreadable instant.
 */
export function formatInstant(at: string | number | Date | null | undefined, opts: InstantOptions): string {
  if (at === null || at === undefined || at === '') return '—';
  const date = toDate(at);
  if (Number.isNaN(date.getTime())) return '—';
  const hourCycle = opts.hourCycle ?? 24;
  const w = wallClock(date, opts.zone);
  let style = opts.style ?? 'date-time';
  if (style === 'smart') style = sameDay(w, wallClock(opts.now ?? new Date(), opts.zone)) ? 'time' : 'day-time';
  const text = {
    time: () => clockOf(w, hourCycle),
    seconds: () => clockOf(w, hourCycle, true),
    'day-time': () => `${dayOf(w, false)} ${clockOf(w, hourCycle)}`,
    'day-seconds': () => `${dayOf(w, false)} ${clockOf(w, hourCycle, true)}`,
    'date-time': () => `${dayOf(w, true)} ${clockOf(w, hourCycle)}`,
    date: () => dayOf(w, true),
  }[style]();
  return opts.showZone === false ? text : `${text} ${zoneLabel(opts.zone, date)}`;
}

/**
 * Formats a span between two instants in one zone, naming the day once when both ends fall on it:
 * "Sat 28 Nov 14:00 – 16:30 EST", otherwise "Sat 28 Nov 22:00 – Sun 29 Nov 06:00 EST". When the
 * zone's label differs at the two ends (daylight saving time began between them) both ends carry one.
 */
export function formatRange(from: string | number | Date, to: string | number | Date, opts: Omit<InstantOptions, 'style' | 'now'>): string {
  const start = toDate(from);
  const end = toDate(to);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return '—';
  const hourCycle = opts.hourCycle ?? 24;
  const a = wallClock(start, opts.zone);
  const b = wallClock(end, opts.zone);
  const showZone = opts.showZone !== false;
  const labelA = zoneLabel(opts.zone, start);
  const labelB = zoneLabel(opts.zone, end);
  const first = `${dayOf(a, false)} ${clockOf(a, hourCycle)}${showZone && labelA !== labelB ? ` ${labelA}` : ''}`;
  const second = sameDay(a, b) ? clockOf(b, hourCycle) : `${dayOf(b, false)} ${clockOf(b, hourCycle)}`;
  return `${first} – ${second}${showZone ? ` ${labelB}` : ''}`;
}

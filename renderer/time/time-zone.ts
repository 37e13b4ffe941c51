/**
 * Time zones for the console: which zone this browser is in, whether a name is a real IANA zone,
 * how a zone is labelled beside a time, and the wall clock of a zone at an instant ("today" and "now"
 * on a schedule's own clock rather than the browser's or UTC's).
 */

/** The wall-clock fields of an instant in a zone (month 1–12, hour 0–23, weekday 0 = Sunday). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Formatters are costly to build and a board re-renders often: one per zone, kept for the page's life.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

/** The zone this browser's clock is set to ("Europe/Berlin"), "UTC" when it cannot tell. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Tells whether `zone` is a time zone name this browser knows ("Asia/Kolkata", "UTC"). */
export function isValidZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads an instant given as an ISO string, epoch milliseconds or a Date. */
export function toDate(at: string | number | Date): Date {
  return at instanceof Date ? at : new Date(at);
}

/** The wall clock of `zone` at instant `at`. */
export function wallClock(at: string | number | Date, zone: string): WallClock {
  const parts = partsFormatter(zone).formatToParts(toDate(at));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    // Some engines still say "24" for midnight under h23.
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date ("YYYY-MM-DD") it is in `zone` at `now`: a calendar's "today" on the schedule's clock. */
export function todayIn(zone: string, now: Date): string {
  const w = wallClock(now, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The label shown beside a time so the zone is never a guess: an abbreviation where one is in common
 * use ("EST", "EDT", "UTC", "GMT"), otherwise the offset from UTC at that instant ("UTC+5:30",
 * "UTC+13:45"). Depends on the instant because of daylight saving time.
 */
export function zoneLabel(zone: string, at: string | number | Date): string {
  let f = nameFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    nameFormatters.set(zone, f);
  }
  const name = f.formatToParts(toDate(at)).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  if (/^[A-Z]{2,5}$/.test(name)) return name;
  const offset = /^GMT([+-]\d{1,2}(?::\d{2})?)$/.exec(name);
  return offset ? `UTC${offset[1]}` : name;
}

/** The city part of a zone name for menus ("America/New_York" → "New York"). */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

import { z } from 'zod';

/** An identifier chosen by people in config files: lower-case letters, digits, dots, dashes and underscores. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'use 1–64 lower-case letters, digits, ".", "_" or "-"');

/** Days of the week as config files spell them. */
export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof WeekdaySchema>;

/** A wall-clock time "HH:MM" (24 h) in the owner's time zone; "24:00" closes a day. */
export const LocalTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM, 00:00 to 24:00');

/** A calendar date "YYYY-MM-DD". */
export const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

/** A wall-clock date and time "YYYY-MM-DDTHH:MM" without an offset, read in the owner's time zone. */
export const LocalDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/, 'use YYYY-MM-DDTHH:MM');

/** An instant as ISO 8601 with an offset or Z. */
export const InstantSchema = z.iso.datetime({ offset: true });

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/**
 * Parses a duration such as "30s", "5m", "2h", "1d" or "1w" into seconds, or returns undefined when
 * the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}

/** Formats seconds as the shortest exact duration text ("90s", "5m", "2h"). */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [['w', 604_800], ['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    if (seconds > 0 && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** A duration written as text ("5m") or as a number of seconds; parsed to seconds. */
export const DurationSchema = z
  .union([z.number().int().nonnegative(), z.string()])
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const seconds = parseDuration(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: 'use a duration such as "30s", "5m", "2h", "1d" or "1w"' });
      return z.NEVER;
    }
    return seconds;
  });

/** An IANA time-zone name such as "America/New_York", checked against the runtime's zone data. */
export const TimeZoneSchema = z.string().refine(isTimeZone, 'use an IANA time zone such as "Europe/London"');

/** Tells whether the runtime knows the IANA time zone `name`. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

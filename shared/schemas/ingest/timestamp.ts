import { z } from 'zod';

// Date, time, optional seconds with any number of fraction digits (Go sends nanoseconds), and an
// optional offset written "Z", "+02:00", "+0200" or "+02" (PagerDuty's own example uses "+0000").
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Reads an ISO 8601 date and time as monitoring tools send it and returns the instant as
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, or undefined when the text is not such a timestamp. A timestamp
 * without an offset is read as UTC; fractions finer than a millisecond are cut off.
 */
export function parseTimestamp(text: string): string | undefined {
  const m = ISO_TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12) return undefined;
  const monthDays = month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = m[11] === undefined ? 0 : Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999, and Go's zero time is year 1.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A leap second (":60") is held at the last millisecond-free second of its minute.
  date.setUTCHours(hour, minute, Math.min(second, 59), millis);
  return new Date(date.getTime() - offsetMinutes * 60_000).toISOString();
}

/** Tells whether a parsed instant is Go's zero time (0001-01-01), which Alertmanager sends for "no end". */
export function isZeroTime(instant: string): boolean {
  return instant.startsWith('0001-01-01T');
}

/** An ISO 8601 date and time as sources send it: "2015-07-17T08:42:58.315+0000", "…Z", "…+02:00". */
export const TimestampSchema = z
  .string()
  .refine((text) => parseTimestamp(text) !== undefined, 'use an ISO 8601 date and time such as "2026-03-08T09:00:00Z"');

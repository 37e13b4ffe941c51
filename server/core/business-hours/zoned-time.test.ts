import { describe, expect, it } from 'vitest';
import { addDays, instantAt, isoDate, localDateOf, weekdayOf } from './zoned-time.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('instantAt', () => {
  it('reads a wall-clock time in the zone', () => {
    expect(iso(instantAt({ year: 2026, month: 3, day: 9 }, '09:00', 'America/New_York'))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(instantAt({ year: 2026, month: 3, day: 6 }, '09:00', 'America/New_York'))).toBe('2026-03-06T14:00:00.000Z');
    expect(iso(instantAt({ year: 2026, month: 3, day: 9 }, '20:00', 'Asia/Kolkata'))).toBe('2026-03-09T14:30:00.000Z');
  });

  it('reads "24:00" as the next midnight', () => {
    expect(iso(instantAt({ year: 2026, month: 12, day: 31 }, '24:00', 'Asia/Kolkata'))).toBe('2026-12-31T18:30:00.000Z');
  });

  it('moves a time the clocks skip to the moment they jump', () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00Z.
    expect(iso(instantAt({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(instantAt({ year: 2026, month: 3, day: 8 }, '02:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(instantAt({ year: 2026, month: 3, day: 8 }, '03:00', 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    // Sydney, 2026-10-04: 02:00 AEST becomes 03:00 AEDT at 16:00Z the day before.
    expect(iso(instantAt({ year: 2026, month: 10, day: 4 }, '02:15', 'Australia/Sydney'))).toBe('2026-10-03T16:00:00.000Z');
  });

  it('takes the first occurrence of a time that happens twice', () => {
    // New York, 2026-11-01: 01:30 happens in EDT (05:30Z) and again in EST (06:30Z).
    expect(iso(instantAt({ year: 2026, month: 11, day: 1 }, '01:30', 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
    // Sydney, 2026-04-05: 02:30 happens in AEDT (15:30Z) and again in AEST (16:30Z).
    expect(iso(instantAt({ year: 2026, month: 4, day: 5 }, '02:30', 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z');
  });
});

describe('calendar helpers', () => {
  it('reads the local date of an instant', () => {
    expect(localDateOf(Date.parse('2026-03-06T20:30:00Z'), 'Asia/Kolkata')).toEqual({ year: 2026, month: 3, day: 7 });
    expect(localDateOf(Date.parse('2026-03-07T03:00:00Z'), 'America/New_York')).toEqual({ year: 2026, month: 3, day: 6 });
  });

  it('adds days across months and years, and names weekdays', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2026, month: 3, day: 1 }, -1)).toEqual({ year: 2026, month: 2, day: 28 });
    expect(weekdayOf({ year: 2026, month: 3, day: 8 })).toBe('sun');
    expect(isoDate({ year: 2026, month: 4, day: 5 })).toBe('2026-04-05');
  });
});

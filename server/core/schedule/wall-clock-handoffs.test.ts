import { describe, expect, it } from 'vitest';
import { shifts } from './on-call.js';
import { at, brief, makeSchedule } from './test-fixtures.js';

const HOUR = 3_600_000;

/** A one-layer schedule of a and b taking `shiftLength` turns from `start` in `timeZone`. */
function rota(timeZone: string, shiftLength: string, start: string, handoffs?: 'wall-clock' | 'elapsed') {
  return makeSchedule({
    timeZone,
    layers: [{ name: 'main', rotation: { participants: ['a', 'b'], shiftLength, start, ...(handoffs ? { handoffs } : {}) } }],
  });
}

/** The wall-clock reading "HH:MM" of an instant in `timeZone`. */
function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/** Every handoff of `schedule` in the whole of 2026 as local "HH:MM", and the shift lengths in hours. */
function yearOf(timeZone: string, shiftLength: string, start: string) {
  const line = shifts(rota(timeZone, shiftLength, start, 'wall-clock'), at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z'));
  const starts = line.slice(1).map((s) => localTime(s.start, timeZone));
  const lengths = line.slice(1, -1).map((s) => (s.end.getTime() - s.start.getTime()) / HOUR);
  return { line, starts: [...new Set(starts)].sort(), lengths: [...new Set(lengths)].sort((x, y) => x - y) };
}

describe('hourly rotations handing over at wall-clock times', () => {
  it('keeps a 12-hour 08:00/20:00 rotation at 08:00/20:00 across spring forward (America/New_York)', () => {
    const s = rota('America/New_York', '12h', '2026-03-01T08:00', 'wall-clock');
    expect(shifts(s, at('2026-03-07T20:00-05:00'), at('2026-03-09T08:00-04:00')).map(brief)).toEqual([
      '2026-03-08T01:00:00.000Z 2026-03-08T12:00:00.000Z b main', // 20:00 EST → 08:00 EDT: 11 h
      '2026-03-08T12:00:00.000Z 2026-03-09T00:00:00.000Z a main',
      '2026-03-09T00:00:00.000Z 2026-03-09T12:00:00.000Z b main',
    ]);
  });

  it('keeps it at 08:00/20:00 across fall back (America/New_York): the night is 13 h', () => {
    const s = rota('America/New_York', '12h', '2026-10-01T08:00', 'wall-clock');
    expect(shifts(s, at('2026-10-31T20:00-04:00'), at('2026-11-01T20:00-05:00')).map(brief)).toEqual([
      '2026-11-01T00:00:00.000Z 2026-11-01T13:00:00.000Z b main',
      '2026-11-01T13:00:00.000Z 2026-11-02T01:00:00.000Z a main',
    ]);
  });

  it('hands over only at 08:00 and 20:00 all year in New York, London and Sydney', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Australia/Sydney']) {
      const year = yearOf(zone, '12h', '2025-12-01T08:00');
      expect(year.starts, zone).toEqual(['08:00', '20:00']);
      // Both DST changes fall inside the year: one 11-hour and one 13-hour shift.
      expect(year.lengths, zone).toEqual([11, 12, 13]);
      const users = year.line.map((s) => s.users.join());
      for (let i = 1; i < users.length; i += 1) expect(users[i], `${zone} shift ${i}`).not.toBe(users[i - 1]);
    }
  });

  it('keeps an 8-hour 06:00/14:00/22:00 rotation on its hours in Sydney and London', () => {
    for (const zone of ['Australia/Sydney', 'Europe/London']) {
      expect(yearOf(zone, '8h', '2025-12-01T06:00').starts, zone).toEqual(['06:00', '14:00', '22:00']);
    }
  });

  it('keeps elapsed handoffs (the default for hourly lengths) exactly 12 h apart, so they drift an hour', () => {
    for (const s of [rota('Europe/London', '12h', '2026-03-01T08:00'), rota('Europe/London', '12h', '2026-03-01T08:00', 'elapsed')]) {
      const line = shifts(s, at('2026-03-28T08:00Z'), at('2026-03-30T08:00Z'));
      expect(line.map((x) => localTime(x.start, 'Europe/London'))).toEqual(['08:00', '20:00', '09:00', '21:00']);
    }
  });

  it('lets whole days hand over in elapsed time when asked (24 h apart across the change)', () => {
    const s = rota('America/New_York', '1d', '2026-03-01T09:00', 'elapsed');
    const line = shifts(s, at('2026-03-07T09:00-05:00'), at('2026-03-09T12:00-04:00'));
    expect(line.map((x) => localTime(x.start, 'America/New_York'))).toEqual(['09:00', '10:00', '10:00']);
  });
});

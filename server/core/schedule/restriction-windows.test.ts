import { describe, expect, it } from 'vitest';
import type { Restriction } from '../../../shared/schemas/schedule.js';
import { mergeIntervals, restrictionWindows } from './restriction-windows.js';
import { createZoneTime, type ZoneTime } from './zone-time.js';

const ny = createZoneTime('America/New_York') as ZoneTime;
const utc = createZoneTime('UTC') as ZoneTime;

function windows(restrictions: Restriction[], zone: ZoneTime, from: string, to: string): string[] {
  return restrictionWindows(restrictions, zone, Date.parse(from), Date.parse(to)).map(
    (w) => `${new Date(w.start).toISOString()} ${new Date(w.end).toISOString()}`,
  );
}

describe('restrictionWindows', () => {
  it('allows the whole range when there are no restrictions', () => {
    expect(windows([], utc, '2026-01-01T00:00Z', '2026-01-02T00:00Z')).toEqual([
      '2026-01-01T00:00:00.000Z 2026-01-02T00:00:00.000Z',
    ]);
  });

  it('opens on the listed days only, in local time', () => {
    // 2026-11-06 is a Friday.
    const weekdays: Restriction = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' };
    expect(windows([weekdays], ny, '2026-11-06T00:00Z', '2026-11-10T00:00Z')).toEqual([
      '2026-11-06T14:00:00.000Z 2026-11-06T22:00:00.000Z',
      '2026-11-09T14:00:00.000Z 2026-11-09T22:00:00.000Z',
    ]);
  });

  it('runs past midnight when the end is not after the start, into the next day', () => {
    const nights: Restriction = { days: ['fri'], start: '22:00', end: '06:00' };
    expect(windows([nights], utc, '2026-01-01T00:00Z', '2026-01-12T00:00Z')).toEqual([
      '2026-01-02T22:00:00.000Z 2026-01-03T06:00:00.000Z',
      '2026-01-09T22:00:00.000Z 2026-01-10T06:00:00.000Z',
    ]);
  });

  it('includes a window opened the day before the range', () => {
    const nights: Restriction = { days: ['thu'], start: '22:00', end: '06:00' };
    expect(windows([nights], utc, '2026-01-02T03:00Z', '2026-01-02T12:00Z')).toEqual([
      '2026-01-02T03:00:00.000Z 2026-01-02T06:00:00.000Z',
    ]);
  });

  it('treats 24:00 as the next midnight and an equal start and end as a whole day', () => {
    const evening: Restriction = { days: ['sat'], start: '18:00', end: '24:00' };
    const whole: Restriction = { days: ['mon'], start: '00:00', end: '00:00' };
    expect(windows([evening, whole], utc, '2026-01-03T00:00Z', '2026-01-06T00:00Z')).toEqual([
      '2026-01-03T18:00:00.000Z 2026-01-04T00:00:00.000Z',
      '2026-01-05T00:00:00.000Z 2026-01-06T00:00:00.000Z',
    ]);
  });

  it('joins windows that touch or overlap', () => {
    const all: Restriction = { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '24:00' };
    const extra: Restriction = { days: ['tue'], start: '20:00', end: '04:00' };
    expect(windows([all, extra], utc, '2026-01-05T00:00Z', '2026-01-08T00:00Z')).toEqual([
      '2026-01-05T00:00:00.000Z 2026-01-08T00:00:00.000Z',
    ]);
  });

  it('measures overnight windows in real time across DST changes', () => {
    const nights: Restriction = { days: ['sat'], start: '22:00', end: '06:00' };
    // Fall back: 22:00 EDT to 06:00 EST is nine hours.
    expect(windows([nights], ny, '2026-10-31T00:00Z', '2026-11-02T00:00Z')).toEqual([
      '2026-11-01T02:00:00.000Z 2026-11-01T11:00:00.000Z',
    ]);
    // Spring forward: 22:00 EST to 06:00 EDT is seven hours.
    expect(windows([nights], ny, '2026-03-07T00:00Z', '2026-03-09T00:00Z')).toEqual([
      '2026-03-08T03:00:00.000Z 2026-03-08T10:00:00.000Z',
    ]);
  });

  it('moves a boundary in the DST gap forward, possibly emptying the window', () => {
    const gapOnly: Restriction = { days: ['sun'], start: '02:00', end: '03:00' };
    const straddle: Restriction = { days: ['sun'], start: '02:30', end: '04:00' };
    expect(windows([gapOnly], ny, '2026-03-08T00:00Z', '2026-03-09T00:00Z')).toEqual([]);
    expect(windows([straddle], ny, '2026-03-08T00:00Z', '2026-03-09T00:00Z')).toEqual([
      '2026-03-08T07:00:00.000Z 2026-03-08T08:00:00.000Z',
    ]);
  });

  it('returns nothing for an empty range', () => {
    expect(restrictionWindows([], utc, 5, 5)).toEqual([]);
  });
});

describe('mergeIntervals', () => {
  it('sorts and joins overlapping and touching intervals', () => {
    expect(mergeIntervals([{ start: 5, end: 7 }, { start: 0, end: 2 }, { start: 2, end: 3 }, { start: 6, end: 9 }])).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 9 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { CalendarBar, CalendarDay } from '../../shared/schemas/calendar.js';
import { dragRange, layoutDay, localDateTimeIn, stepAnchor, weeksOf } from './calendar-layout.js';

const bar = (start: string, end: string, users: string[], override = false): CalendarBar => ({ start, end, users, layer: 'weekly', override });

describe('calendar layout', () => {
  it('places the shifts of a line inside a day, clipped, in percent of the day', () => {
    const day: CalendarDay = { date: '2026-11-30', start: '2026-11-30T05:00:00.000Z', end: '2026-12-01T05:00:00.000Z' };
    const bars = [
      bar('2026-11-23T14:00:00.000Z', '2026-11-30T14:00:00.000Z', ['cara']),
      bar('2026-11-30T14:00:00.000Z', '2026-11-30T22:00:00.000Z', ['dan']),
      bar('2026-11-30T22:00:00.000Z', '2026-11-30T23:00:00.000Z', []),
      bar('2026-11-30T23:00:00.000Z', '2026-12-01T08:00:00.000Z', ['dan'], true),
      bar('2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z', ['bob']),
    ];
    const placed = layoutDay(day, bars);
    expect(placed.map((b) => [b.users.join() || 'gap', +b.leftPct.toFixed(3), +b.widthPct.toFixed(3), b.override])).toEqual([
      ['cara', 0, 37.5, false],
      ['dan', 37.5, 33.333, false],
      ['gap', 70.833, 4.167, false],
      ['dan', 75, 25, true],
    ]);
    expect(placed.reduce((sum, b) => sum + b.widthPct, 0)).toBeCloseTo(100);
  });

  it('uses the real length of a 25-hour DST day', () => {
    const day: CalendarDay = { date: '2026-11-01', start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' };
    const [first] = layoutDay(day, [bar('2026-11-01T04:00:00.000Z', '2026-11-01T16:30:00.000Z', ['bob'])]);
    expect(first!.widthPct).toBeCloseTo(50);
  });

  it('turns a drag over days, either way, into an override range of whole days', () => {
    expect(dragRange('2026-12-03', '2026-12-01')).toEqual({ start: '2026-12-01T00:00', end: '2026-12-04T00:00' });
    expect(dragRange('2026-12-31', '2026-12-31')).toEqual({ start: '2026-12-31T00:00', end: '2027-01-01T00:00' });
  });

  it('steps months and weeks, and splits a view into weeks', () => {
    expect(stepAnchor('2026-01-31', 'month', 1)).toBe('2026-02-01');
    expect(stepAnchor('2026-12-28', 'week', 1)).toBe('2027-01-04');
    expect(weeksOf([1, 2, 3, 4, 5, 6, 7, 8])).toEqual([[1, 2, 3, 4, 5, 6, 7], [8]]);
  });

  it('writes instants on the schedule zone wall clock', () => {
    expect(localDateTimeIn('2026-11-30T23:00:00.000Z', 'America/New_York')).toBe('2026-11-30T18:00');
  });
});

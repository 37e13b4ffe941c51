import { describe, expect, it } from 'vitest';
import type { CalendarBar } from '../../shared/schemas/calendar.js';
import { barLabel, dragHours, hourAxis, initialsOf, pctOf, placeOnSpan, spanOf } from './timeline-layout.js';

const NY = 'America/New_York';
const bar = (start: string, end: string, users: string[], override = false): CalendarBar => ({ start, end, users, layer: 'weekly', override });
// 2026-11-01 is the 25-hour day New York falls back; the 2nd is an ordinary 24-hour day.
const days = [
  { date: '2026-11-01', start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' },
  { date: '2026-11-02', start: '2026-11-02T05:00:00.000Z', end: '2026-11-03T05:00:00.000Z' },
];

describe('timeline layout', () => {
  it('places bars across several days in percent of the whole span, clipped', () => {
    const span = spanOf(days);
    const placed = placeOnSpan(span, [
      bar('2026-10-30T13:00:00.000Z', '2026-11-01T16:30:00.000Z', ['bob']),
      bar('2026-11-01T16:30:00.000Z', '2026-11-02T17:00:00.000Z', [], false),
      bar('2026-11-02T17:00:00.000Z', '2026-11-09T17:00:00.000Z', ['cara'], true),
      bar('2026-11-10T17:00:00.000Z', '2026-11-11T17:00:00.000Z', ['dan']),
    ]);
    expect(placed.map((b) => [b.users.join() || 'gap', +b.leftPct.toFixed(3), +b.widthPct.toFixed(3), b.override])).toEqual([
      ['bob', 0, 25.51],
      ['gap', 25.51, 50],
      ['cara', 75.51, 24.49],
    ].map(([u, l, w], i) => [u, l, w, i === 2]));
  });

  it("places now (the now line) in proportion to a DST day's real length, and off a span it is not in", () => {
    // 2026-03-08 is New York's 23-hour spring-forward day.
    const dst = spanOf([{ date: '2026-03-08', start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' }]);
    expect(pctOf(Date.parse('2026-03-08T05:30:00Z'), dst)).toBeCloseTo((0.5 / 23) * 100, 9);
    expect(pctOf(Date.parse('2026-03-08T16:30:00Z'), dst)).toBeCloseTo((11.5 / 23) * 100, 9);
    expect(pctOf(Date.parse('2026-03-09T04:00:00Z'), dst)).toBe(100);
    // On the 25-hour fall-back day and the day after, now at 12:00 EST on the 2nd.
    expect(pctOf(Date.parse('2026-11-02T17:00:00Z'), spanOf(days))).toBeCloseTo((37 / 49) * 100, 9);
  });

  it('labels the hour axis on the zone clock: 01:00 twice on the 25-hour day, days marked', () => {
    const ticks = hourAxis(days, NY, 1);
    const first = ticks.filter((t) => t.pct < 25 / 49 * 100 - 1e-9);
    expect(first).toHaveLength(25);
    expect(first.slice(0, 4).map((t) => t.label)).toEqual(['Sun 1 Nov', '01:00', '01:00', '02:00']);
    expect(ticks.filter((t) => t.dayStart).map((t) => t.label)).toEqual(['Sun 1 Nov', 'Mon 2 Nov']);
    expect(hourAxis(days, NY, 6).filter((t) => !t.dayStart).map((t) => t.label)).toEqual(['06:00', '12:00', '18:00', '06:00', '12:00', '18:00']);
  });

  it('turns a drag into whole local hours, either way, and a click into the hour clicked', () => {
    const span = spanOf(days);
    const at = (iso: string) => ((Date.parse(iso) - span.start) / (span.end - span.start)) * 100;
    // 14:20 EST to 17:40 EST on the 2nd (19:20Z–22:40Z), dragged right to left.
    expect(dragHours(at('2026-11-02T22:40:00Z'), at('2026-11-02T19:20:00Z'), span, NY)).toEqual({ start: '2026-11-02T14:00', end: '2026-11-02T18:00' });
    expect(dragHours(at('2026-11-02T19:20:00Z'), at('2026-11-02T19:20:00Z'), span, NY)).toEqual({ start: '2026-11-02T14:00', end: '2026-11-02T15:00' });
    // Half-hour zones snap to their own whole hours.
    expect(dragHours(at('2026-11-02T04:00:00Z'), at('2026-11-02T06:10:00Z'), span, 'Asia/Kolkata')).toEqual({ start: '2026-11-02T09:00', end: '2026-11-02T12:00' });
  });

  it('shows full names when they fit, initials when only those fit, and nothing on a sliver', () => {
    expect(barLabel(['Bob Example'], 200)).toEqual({ text: 'Bob Example', full: true });
    expect(barLabel(['Bob Example', 'Cara Example'], 60)).toEqual({ text: 'BE, CE', full: false });
    expect(barLabel(['Bob Example'], 10)).toEqual({ text: '', full: false });
    expect(initialsOf('ann  marie  de  vries smith')).toBe('AMD');
  });
});

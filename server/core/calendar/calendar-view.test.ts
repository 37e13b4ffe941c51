import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { calendarDays, parseLocalDate } from './calendar-days.js';
import { calendarRows } from './calendar-rows.js';

const schedule: Schedule = {
  id: 'noc-primary',
  name: 'NOC primary',
  team: 'noc',
  timeZone: 'America/New_York',
  owner: 'ann',
  layers: [
    { name: 'weekly', rotation: { participants: ['bob', 'cara'], shiftLength: 604_800, start: '2026-11-02T09:00' }, restrictions: [] },
    {
      name: 'weekday-days',
      rotation: { participants: ['dan'], shiftLength: 86_400, start: '2026-11-02T09:00' },
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
    },
  ],
  overrides: [{ user: 'dan', replaces: 'bob', start: '2026-11-30T18:00', end: '2026-12-01T08:00' }],
};

describe('calendarDays', () => {
  it('shows a week Monday to Sunday, each day from local midnight to the next', () => {
    const days = calendarDays('week', parseLocalDate('2026-11-04')!, 'America/New_York');
    expect(days.map((d) => d.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08']);
    expect(days[0]).toEqual({ date: '2026-11-02', start: '2026-11-02T05:00:00.000Z', end: '2026-11-03T05:00:00.000Z' });
  });

  it('covers a month with whole weeks, and a DST day lasts 25 hours', () => {
    const days = calendarDays('month', parseLocalDate('2026-11-15')!, 'America/New_York');
    expect(days[0]!.date).toBe('2026-10-26');
    expect(days.at(-1)!.date).toBe('2026-12-06');
    expect(days).toHaveLength(42);
    const fallBack = days.find((d) => d.date === '2026-11-01')!;
    expect(Date.parse(fallBack.end) - Date.parse(fallBack.start)).toBe(25 * 3_600_000);
  });

  it('refuses dates that do not exist', () => {
    expect(parseLocalDate('2026-02-30')).toBeNull();
    expect(parseLocalDate('yesterday')).toBeNull();
  });
});

describe('calendarRows', () => {
  const from = new Date('2026-11-30T05:00:00Z');
  const to = new Date('2026-12-01T05:00:00Z');

  it('draws the final line from shifts(): layers stacked, overrides applied, covering the range', () => {
    const [final] = calendarRows(schedule, from, to);
    expect(final!.kind).toBe('final');
    expect(final!.bars.map((b) => [b.start, b.end, b.users.join(), b.override])).toEqual([
      ['2026-11-30T05:00:00.000Z', '2026-11-30T14:00:00.000Z', 'cara', false],
      ['2026-11-30T14:00:00.000Z', '2026-11-30T22:00:00.000Z', 'dan', false],
      ['2026-11-30T22:00:00.000Z', '2026-11-30T23:00:00.000Z', 'bob', false],
      ['2026-11-30T23:00:00.000Z', '2026-12-01T05:00:00.000Z', 'dan', true],
    ]);
  });

  it('draws each layer on its own line, highest first, with its gaps', () => {
    const rows = calendarRows(schedule, from, to);
    expect(rows.map((r) => r.label)).toEqual(['On call', 'weekday-days', 'weekly']);
    expect(rows[1]!.bars.map((b) => b.users.join() || 'gap')).toEqual(['gap', 'dan', 'gap']);
    expect(rows[2]!.bars.map((b) => [b.users.join(), b.start])).toEqual([
      ['cara', '2026-11-30T05:00:00.000Z'],
      ['bob', '2026-11-30T14:00:00.000Z'],
    ]);
  });
});

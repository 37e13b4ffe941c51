import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { BusinessTeam } from '../business-hours/index.js';
import { fairLoad, isNight, loadScore } from './fairness.js';
import { suggestRebalance } from './rebalance.js';

const businessTeam: BusinessTeam = {
  timeZone: 'America/New_York',
  businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
  holidays: [],
};
const daily = (participants: string[]): Schedule => ({
  id: 'noc-primary',
  name: 'NOC primary',
  team: 'noc',
  timeZone: 'America/New_York',
  layers: [{ name: 'daily', rotation: { participants, shiftLength: 86_400, start: '2026-11-02T00:00' }, restrictions: [] }],
  overrides: [],
});
// Monday 2026-11-02 00:00 to Monday 2026-11-09 00:00 in New York (EST from 11-01).
const from = new Date('2026-11-02T05:00:00Z');
const to = new Date('2026-11-09T05:00:00Z');

describe('fair on-call load', () => {
  it('counts hours on call and the off-hours part of them from the final line', () => {
    const loads = fairLoad({ schedule: daily(['bob', 'cara']), team: businessTeam, people: ['bob', 'cara', 'dan'], pages: [], handled: [], from, to });
    // bob has Mon, Wed, Fri, Sun; cara Tue, Thu, Sat — 24 h each, 8 business hours on weekdays.
    expect(loads).toEqual([
      { userId: 'bob', onCallHours: 96, offHoursHours: 96 - 24, pages: 0, nightPages: 0, incidentsHandled: 0 },
      { userId: 'cara', onCallHours: 72, offHoursHours: 72 - 16, pages: 0, nightPages: 0, incidentsHandled: 0 },
      { userId: 'dan', onCallHours: 0, offHoursHours: 0, pages: 0, nightPages: 0, incidentsHandled: 0 },
    ]);
  });

  it('counts pages, night pages in the team zone, and distinct incidents handled', () => {
    const pages = [
      { userId: 'bob', at: new Date('2026-11-03T04:00:00Z') }, // 23:00 Monday in New York: night
      { userId: 'bob', at: new Date('2026-11-03T15:00:00Z') }, // 10:00: day
      { userId: 'bob', at: new Date('2026-11-03T11:59:00Z') }, // 06:59: night
      { userId: 'cara', at: new Date('2026-11-10T15:00:00Z') }, // after the window
    ];
    const handled = [
      { userId: 'bob', incidentId: 'i1' },
      { userId: 'bob', incidentId: 'i1' },
      { userId: 'cara', incidentId: 'i2' },
    ];
    const loads = fairLoad({ schedule: daily(['bob']), team: businessTeam, people: [], pages, handled, from, to });
    expect(loads.map((l) => [l.userId, l.pages, l.nightPages, l.incidentsHandled])).toEqual([
      ['bob', 3, 2, 1],
      ['cara', 0, 0, 1],
    ]);
    expect(isNight(new Date('2026-11-03T12:00:00Z'), 'America/New_York')).toBe(false);
    expect(isNight(new Date('2026-11-03T03:00:00Z'), 'America/New_York')).toBe(true);
  });

  it('scores off-hours time and night pages heavier than business time', () => {
    expect(loadScore({ onCallHours: 10, offHoursHours: 4, pages: 3, nightPages: 1 })).toBe(10 + 4 + 2 + 1);
  });
});

describe('rebalance suggestion', () => {
  it('moves whole days from the most loaded person to the least loaded until it no longer helps', () => {
    const schedule = daily(['bob', 'cara']);
    const result = suggestRebalance({ schedule, team: businessTeam, past: { bob: 100, cara: 0 }, from, to });
    expect(result.overrides.length).toBeGreaterThan(0);
    expect(result.overrides.every((o) => o.user === 'cara' && o.replaces === 'bob')).toBe(true);
    const gap = (r: Record<string, number>) => Math.abs((r.bob ?? 0) - (r.cara ?? 0));
    expect(gap(result.after)).toBeLessThan(gap(result.before));
    // Every moved day was bob's: applying the overrides puts cara on call then.
    expect(result.overrides[0]!.start).toMatch(/^2026-11-\d\dT00:00$/);
    expect(result.overrides.reduce((sum, o) => sum + o.hours, 0)).toBeGreaterThanOrEqual(24);
  });

  it('proposes nothing when no move would narrow the gap', () => {
    const result = suggestRebalance({ schedule: daily(['bob', 'cara']), team: businessTeam, past: { bob: 0, cara: 40 }, from, to: new Date('2026-11-04T05:00:00Z') });
    // bob has Monday (40 weighted hours), cara Tuesday: 40 + 40 each side.
    expect(result.before).toEqual({ bob: 40, cara: 80 });
    expect(result.overrides).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { calendarRows } from '../calendar/calendar-rows.js';
import { layerShifts } from './layer-shifts.js';
import { nextHandoff } from './next-handoff.js';
import { onCallAt, shifts } from './on-call.js';
import { at, brief, makeSchedule } from './test-fixtures.js';

/**
 * New York: a weekly bob/cara layer running since 2 Nov, and a weekly ann/dan layer above it that
 * starts on Monday 7 Dec at 09:00 — in the future for every instant before that.
 */
const schedule = makeSchedule({
  timeZone: 'America/New_York',
  layers: [
    { name: 'old-weekly', rotation: { participants: ['bob', 'cara'], shiftLength: '1w', start: '2026-11-02T09:00' } },
    { name: 'new-weekly', rotation: { participants: ['ann', 'dan'], shiftLength: '1w', start: '2026-12-07T09:00' } },
  ],
  overrides: [
    // Under the future layer's start: eve covers bob's Tuesday night.
    { user: 'eve', replaces: 'bob', start: '2026-12-01T18:00', end: '2026-12-02T08:00' },
    // After it: eve covers ann's Tuesday night.
    { user: 'eve', replaces: 'ann', start: '2026-12-08T18:00', end: '2026-12-09T08:00' },
  ],
});

describe('a layer whose rotation starts in the future', () => {
  it('is empty until its start, so the layer below stays on call', () => {
    expect(onCallAt(schedule, at('2026-11-30T12:00-05:00'))).toEqual({ users: ['bob'], layer: 'old-weekly', override: false });
    expect(onCallAt(schedule, at('2026-12-07T08:59-05:00')).users).toEqual(['bob']);
    expect(onCallAt(schedule, at('2026-12-07T09:00-05:00'))).toEqual({ users: ['ann'], layer: 'new-weekly', override: false });
    expect(onCallAt(schedule, at('2026-12-14T09:00-05:00')).users).toEqual(['dan']);
  });

  it('keeps an override of the lower layer before the start, and applies one of the new layer after it', () => {
    expect(onCallAt(schedule, at('2026-12-01T20:00-05:00'))).toEqual({ users: ['eve'], layer: 'old-weekly', override: true });
    expect(onCallAt(schedule, at('2026-12-08T20:00-05:00'))).toEqual({ users: ['eve'], layer: 'new-weekly', override: true });
  });

  it('reports its start as the next handoff, and the override under it before that', () => {
    expect(nextHandoff(schedule, at('2026-12-01T12:00-05:00'))).toEqual({ at: at('2026-12-01T18:00-05:00'), users: ['eve'] });
    expect(nextHandoff(schedule, at('2026-12-02T09:00-05:00'))).toEqual({ at: at('2026-12-07T09:00-05:00'), users: ['ann'] });
  });

  it('draws the layer as a gap before its start, and the final line from the layer below', () => {
    const from = at('2026-12-06T00:00-05:00');
    const to = at('2026-12-08T00:00-05:00');
    expect(layerShifts(schedule, 1, from, to).map(brief)).toEqual([
      '2026-12-06T05:00:00.000Z 2026-12-07T14:00:00.000Z - -',
      '2026-12-07T14:00:00.000Z 2026-12-08T05:00:00.000Z ann new-weekly',
    ]);
    expect(shifts(schedule, from, to).map(brief)).toEqual([
      '2026-12-06T05:00:00.000Z 2026-12-07T14:00:00.000Z bob old-weekly',
      '2026-12-07T14:00:00.000Z 2026-12-08T05:00:00.000Z ann new-weekly',
    ]);
    const rows = calendarRows(schedule, from, to);
    expect(rows.map((r) => [r.key, r.bars.map((b) => b.users.join('+') || '-')])).toEqual([
      ['final', ['bob', 'ann']],
      ['layer-1', ['-', 'ann']],
      ['layer-0', ['bob', 'cara']], // the lower layer hands over under it,
    ]);
  });

  it('is a gap everywhere before its start when it is the only layer', () => {
    const alone = makeSchedule({
      layers: [{ name: 'later', rotation: { participants: ['a', 'b'], shiftLength: '1d', start: '2026-12-10T00:00' } }],
    });
    expect(onCallAt(alone, at('2026-12-09T23:59Z')).users).toEqual([]);
    expect(nextHandoff(alone, at('2026-12-01T00:00Z'))).toEqual({ at: at('2026-12-10T00:00Z'), users: ['a'] });
  });
});

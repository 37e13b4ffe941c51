import { describe, expect, it } from 'vitest';
import { layerShifts } from './layer-shifts.js';
import { at, brief, exampleSchedule } from './test-fixtures.js';

const noc = exampleSchedule();

describe('layerShifts', () => {
  it('gives the lowest layer its own turns, before layering and overrides', () => {
    expect(layerShifts(noc, 0, at('2026-11-30T00:00-05:00'), at('2026-12-01T12:00-05:00')).map(brief)).toEqual([
      '2026-11-30T05:00:00.000Z 2026-11-30T14:00:00.000Z cara weekly',
      '2026-11-30T14:00:00.000Z 2026-12-01T17:00:00.000Z bob weekly',
    ]);
  });

  it('gives a restricted layer its windows with gaps between them', () => {
    expect(layerShifts(noc, 1, at('2026-11-06T00:00-05:00'), at('2026-11-09T12:00-05:00')).map(brief)).toEqual([
      '2026-11-06T05:00:00.000Z 2026-11-06T14:00:00.000Z - -',
      '2026-11-06T14:00:00.000Z 2026-11-06T22:00:00.000Z dan weekday-days',
      '2026-11-06T22:00:00.000Z 2026-11-09T14:00:00.000Z - -',
      '2026-11-09T14:00:00.000Z 2026-11-09T17:00:00.000Z dan weekday-days',
    ]);
  });

  it('returns nothing for a layer that does not exist or an empty range', () => {
    expect(layerShifts(noc, 2, at('2026-11-06T00:00Z'), at('2026-11-07T00:00Z'))).toEqual([]);
    expect(layerShifts(noc, -1, at('2026-11-06T00:00Z'), at('2026-11-07T00:00Z'))).toEqual([]);
    expect(layerShifts(noc, 0, at('2026-11-07T00:00Z'), at('2026-11-06T00:00Z'))).toEqual([]);
  });

  it('returns fresh Date and array objects the caller may change', () => {
    const [first] = layerShifts(noc, 0, at('2026-11-06T00:00Z'), at('2026-11-07T00:00Z'));
    first?.users.push('mallory');
    expect(layerShifts(noc, 0, at('2026-11-06T00:00Z'), at('2026-11-07T00:00Z'))[0]?.users).toEqual(['bob']);
  });
});

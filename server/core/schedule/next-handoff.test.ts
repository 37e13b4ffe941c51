import { describe, expect, it } from 'vitest';
import { nextHandoff } from './next-handoff.js';
import { at, exampleSchedule, makeSchedule } from './test-fixtures.js';

const noc = exampleSchedule();

describe('nextHandoff', () => {
  it('finds when the users on call change next, and who takes over', () => {
    expect(nextHandoff(noc, at('2026-11-30T12:00-05:00'))).toEqual({ at: at('2026-11-30T17:00-05:00'), users: ['bob'] });
    expect(nextHandoff(noc, at('2026-11-30T17:30-05:00'))).toEqual({ at: at('2026-11-30T18:00-05:00'), users: ['dan'] });
    expect(nextHandoff(noc, at('2026-11-30T20:00-05:00'))).toEqual({ at: at('2026-12-01T08:00-05:00'), users: ['bob'] });
    // Friday evening: bob has the weekend, so the next change is Monday 09:00 (dan's day layer).
    expect(nextHandoff(noc, at('2026-11-06T18:00-05:00'))).toEqual({ at: at('2026-11-09T09:00-05:00'), users: ['dan'] });
  });

  it('looks strictly after the instant: at a handoff it gives the following one', () => {
    expect(nextHandoff(noc, at('2026-11-30T17:00-05:00'))).toEqual({ at: at('2026-11-30T18:00-05:00'), users: ['dan'] });
  });

  it('skips boundaries where only the layer or override flag changes', () => {
    // dan's day layer ends at 17:00, where an override puts dan in for bob: still dan until 20:00.
    const s = { ...noc, overrides: [{ user: 'dan', replaces: 'bob', start: '2026-11-30T17:00', end: '2026-11-30T20:00' }] };
    expect(nextHandoff(s, at('2026-11-30T10:00-05:00'))).toEqual({ at: at('2026-11-30T20:00-05:00'), users: ['bob'] });
  });

  it('reports the start of a gap as a handoff to nobody', () => {
    const days = makeSchedule({
      layers: [
        {
          name: 'days',
          rotation: { participants: ['a'], shiftLength: '1d', start: '2026-01-05T00:00' },
          restrictions: [{ days: ['mon'], start: '09:00', end: '17:00' }],
        },
      ],
    });
    expect(nextHandoff(days, at('2026-01-05T10:00Z'))).toEqual({ at: at('2026-01-05T17:00Z'), users: [] });
    expect(nextHandoff(days, at('2026-01-05T18:00Z'))).toEqual({ at: at('2026-01-12T09:00Z'), users: ['a'] });
  });

  it('returns null when nothing changes within 60 days', () => {
    const solo = makeSchedule({
      layers: [{ name: 'solo', rotation: { participants: ['a'], shiftLength: '1d', start: '2026-01-01T00:00' } }],
    });
    expect(nextHandoff(solo, at('2026-01-05T10:00Z'))).toBeNull();
    const far = makeSchedule({
      layers: [{ name: 'slow', rotation: { participants: ['a', 'b'], shiftLength: '10w', start: '2026-01-01T00:00' } }],
    });
    expect(nextHandoff(far, at('2026-01-02T00:00Z'))).toBeNull();
    expect(nextHandoff(far, at('2026-02-01T00:00Z'))).toEqual({ at: at('2026-03-12T00:00Z'), users: ['b'] });
  });

  it('returns null for an invalid instant', () => {
    expect(nextHandoff(noc, new Date(Number.NaN))).toBeNull();
  });
});

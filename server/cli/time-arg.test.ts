import { describe, expect, it } from 'vitest';
import { parseTimeArg } from './time-arg.js';

const now = new Date('2026-12-01T12:00:00Z');

describe('parseTimeArg', () => {
  it('reads now, durations from now and instants with an offset', () => {
    expect(parseTimeArg('now', now, 'UTC')).toEqual(now);
    expect(parseTimeArg('2h', now, 'UTC')?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(parseTimeArg('+30m', now, 'UTC')?.toISOString()).toBe('2026-12-01T12:30:00.000Z');
    expect(parseTimeArg('2026-12-24T18:00+01:00', now, 'UTC')?.toISOString()).toBe('2026-12-24T17:00:00.000Z');
  });

  it('reads a wall-clock time in the schedule\'s zone, across DST', () => {
    expect(parseTimeArg('2026-07-01T09:00', now, 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(parseTimeArg('2026-12-01T09:00', now, 'Europe/Berlin')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('answers undefined for anything else', () => {
    for (const bad of ['tomorrow', '2026-02-30T09:00', '12:00', '']) expect(parseTimeArg(bad, now, 'UTC')).toBeUndefined();
    expect(parseTimeArg('2026-12-01T09:00', now, 'Not/AZone')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { onCallAt, shifts } from './on-call.js';
import { at, brief, makeSchedule } from './test-fixtures.js';

/** A one-layer New York schedule of a and b taking turns. */
function pair(shiftLength: string, start: string) {
  return makeSchedule({
    timeZone: 'America/New_York',
    layers: [{ name: 'main', rotation: { participants: ['a', 'b'], shiftLength, start } }],
  });
}

const HOUR = 3_600_000;
const hours = (from: string, to: string, schedule: ReturnType<typeof pair>) =>
  shifts(schedule, at(from), at(to)).map((s) => (s.end.getTime() - s.start.getTime()) / HOUR);

describe('spring forward (America/New_York, 2026-03-08 02:00 → 03:00)', () => {
  const daily = pair('1d', '2026-03-01T09:00');

  it('keeps a daily 09:00 handoff at 09:00 local; the day of the change is 23 h', () => {
    expect(shifts(daily, at('2026-03-07T09:00-05:00'), at('2026-03-10T09:00-04:00')).map(brief)).toEqual([
      '2026-03-07T14:00:00.000Z 2026-03-08T13:00:00.000Z a main',
      '2026-03-08T13:00:00.000Z 2026-03-09T13:00:00.000Z b main',
      '2026-03-09T13:00:00.000Z 2026-03-10T13:00:00.000Z a main',
    ]);
    expect(hours('2026-03-07T09:00-05:00', '2026-03-09T09:00-04:00', daily)).toEqual([23, 24]);
  });

  it('answers onCallAt around the handoff in local time', () => {
    expect(onCallAt(daily, at('2026-03-08T08:59-04:00')).users).toEqual(['a']);
    expect(onCallAt(daily, at('2026-03-08T09:00-04:00')).users).toEqual(['b']);
  });

  it('moves a 02:30 handoff in the gap to 03:00, the first valid instant, that day only', () => {
    const night = pair('1d', '2026-03-01T02:30');
    expect(shifts(night, at('2026-03-07T02:30-05:00'), at('2026-03-09T02:30-04:00')).map(brief)).toEqual([
      '2026-03-07T07:30:00.000Z 2026-03-08T07:00:00.000Z a main',
      '2026-03-08T07:00:00.000Z 2026-03-09T06:30:00.000Z b main',
    ]);
  });

  it('starts a rotation whose first handoff is in the gap at 03:00 and counts from there', () => {
    const rotation = pair('12h', '2026-03-08T02:30');
    expect(shifts(rotation, at('2026-03-08T00:00-05:00'), at('2026-03-09T00:00-04:00')).map(brief)).toEqual([
      '2026-03-08T05:00:00.000Z 2026-03-08T07:00:00.000Z - -', // nobody before the start
      '2026-03-08T07:00:00.000Z 2026-03-08T19:00:00.000Z a main',
      '2026-03-08T19:00:00.000Z 2026-03-09T04:00:00.000Z b main',
    ]);
  });

  it('runs a 12 h rotation in elapsed time, so its local handoff moves by an hour', () => {
    const twelve = pair('12h', '2026-03-07T08:00');
    expect(shifts(twelve, at('2026-03-07T20:00-05:00'), at('2026-03-09T09:00-04:00')).map(brief)).toEqual([
      '2026-03-08T01:00:00.000Z 2026-03-08T13:00:00.000Z b main', // 20:00 EST → 09:00 EDT
      '2026-03-08T13:00:00.000Z 2026-03-09T01:00:00.000Z a main', // 09:00 EDT → 21:00 EDT
      '2026-03-09T01:00:00.000Z 2026-03-09T13:00:00.000Z b main',
    ]);
    expect(hours('2026-03-07T20:00-05:00', '2026-03-09T09:00-04:00', twelve)).toEqual([12, 12, 12]);
  });
});

describe('fall back (America/New_York, 2026-11-01 02:00 → 01:00)', () => {
  it('keeps a daily 09:00 handoff at 09:00 local; the day of the change is 25 h', () => {
    const daily = pair('1d', '2026-10-01T09:00');
    expect(shifts(daily, at('2026-10-31T09:00-04:00'), at('2026-11-02T09:00-05:00')).map(brief)).toEqual([
      '2026-10-31T13:00:00.000Z 2026-11-01T14:00:00.000Z a main',
      '2026-11-01T14:00:00.000Z 2026-11-02T14:00:00.000Z b main',
    ]);
    expect(hours('2026-10-31T09:00-04:00', '2026-11-02T09:00-05:00', daily)).toEqual([25, 24]);
  });

  it('takes the earlier of a repeated 01:30 handoff', () => {
    const night = pair('1d', '2026-10-01T01:30');
    expect(shifts(night, at('2026-10-31T01:30-04:00'), at('2026-11-02T01:30-05:00')).map(brief)).toEqual([
      '2026-10-31T05:30:00.000Z 2026-11-01T05:30:00.000Z a main',
      '2026-11-01T05:30:00.000Z 2026-11-02T06:30:00.000Z b main',
    ]);
    // The second 01:45 (EST) is still b's turn: the handoff happened at the first 01:30.
    expect(onCallAt(night, at('2026-11-01T01:45-05:00')).users).toEqual(['b']);
    expect(onCallAt(night, at('2026-11-01T01:15-04:00')).users).toEqual(['a']);
  });

  it('keeps a 02:30 handoff (after the repeated hour) at 02:30 EST', () => {
    const night = pair('1d', '2026-10-01T02:30');
    expect(shifts(night, at('2026-10-31T02:30-04:00'), at('2026-11-02T02:30-05:00')).map(brief)).toEqual([
      '2026-10-31T06:30:00.000Z 2026-11-01T07:30:00.000Z a main',
      '2026-11-01T07:30:00.000Z 2026-11-02T07:30:00.000Z b main',
    ]);
  });

  it('runs a 12 h rotation in elapsed time across the repeated hour', () => {
    const twelve = pair('12h', '2026-10-31T08:00');
    expect(shifts(twelve, at('2026-10-31T20:00-04:00'), at('2026-11-01T20:00-05:00')).map(brief)).toEqual([
      '2026-11-01T00:00:00.000Z 2026-11-01T12:00:00.000Z b main', // 20:00 EDT → 07:00 EST
      '2026-11-01T12:00:00.000Z 2026-11-02T00:00:00.000Z a main', // 07:00 EST → 19:00 EST
      '2026-11-02T00:00:00.000Z 2026-11-02T01:00:00.000Z b main',
    ]);
  });

  it('keeps a weekday 09:00–17:00 window at local times on both sides of the change', () => {
    const days = makeSchedule({
      timeZone: 'America/New_York',
      layers: [
        {
          name: 'days',
          rotation: { participants: ['dan'], shiftLength: '1d', start: '2026-10-01T09:00' },
          restrictions: [{ days: ['fri', 'mon'], start: '09:00', end: '17:00' }],
        },
      ],
    });
    expect(shifts(days, at('2026-10-30T00:00-04:00'), at('2026-11-03T00:00-05:00')).map(brief)).toEqual([
      '2026-10-30T04:00:00.000Z 2026-10-30T13:00:00.000Z - -',
      '2026-10-30T13:00:00.000Z 2026-10-30T21:00:00.000Z dan days',
      '2026-10-30T21:00:00.000Z 2026-11-02T14:00:00.000Z - -',
      '2026-11-02T14:00:00.000Z 2026-11-02T22:00:00.000Z dan days',
      '2026-11-02T22:00:00.000Z 2026-11-03T05:00:00.000Z - -',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { layerShifts } from './layer-shifts.js';
import { onCallAt, shifts } from './on-call.js';
import { at, brief, makeSchedule } from './test-fixtures.js';

/** The same shape of schedule in a given zone: a/b daily at 09:00, Monday 09–17 covered by m. */
function office(timeZone: string) {
  return makeSchedule({
    timeZone,
    layers: [
      { name: 'daily', rotation: { participants: ['a', 'b'], shiftLength: '1d', start: '2026-11-01T09:00' } },
      {
        name: 'monday',
        rotation: { participants: ['m'], shiftLength: '1w', start: '2026-06-01T09:00' },
        restrictions: [{ days: ['mon'], start: '09:00', end: '17:00' }],
      },
    ],
  });
}

const auckland = office('Pacific/Auckland');
const losAngeles = office('America/Los_Angeles');

describe('time zones far apart', () => {
  it('places Monday 09:00 in Auckland on Sunday afternoon UTC, Sunday noon in Los Angeles', () => {
    // 2026-11-30T09:00+13:00 (Monday, NZDT) is 2026-11-29T20:00Z and Sunday 12:00 PST.
    const instant = at('2026-11-29T20:00Z');
    expect(onCallAt(auckland, instant)).toEqual({ users: ['m'], layer: 'monday', override: false });
    expect(onCallAt(losAngeles, instant).layer).toBe('daily');
  });

  it('hands the daily turn over at 09:00 local in each zone', () => {
    expect(shifts(auckland, at('2026-11-29T00:00Z'), at('2026-11-30T00:00Z')).map(brief)).toEqual([
      '2026-11-29T00:00:00.000Z 2026-11-29T20:00:00.000Z a daily', // Sunday 09:00 NZDT is 11-28T20:00Z
      '2026-11-29T20:00:00.000Z 2026-11-30T00:00:00.000Z m monday',
    ]);
    expect(shifts(losAngeles, at('2026-11-29T00:00Z'), at('2026-11-30T00:00Z')).map(brief)).toEqual([
      '2026-11-29T00:00:00.000Z 2026-11-29T17:00:00.000Z b daily', // Saturday's turn until Sunday 09:00 PST
      '2026-11-29T17:00:00.000Z 2026-11-30T00:00:00.000Z a daily',
    ]);
  });

  it('counts turns by local calendar days on both sides of the date line', () => {
    // Both rotations started on their own 2026-11-01 09:00, 21 hours apart in real time.
    expect(onCallAt(auckland, at('2026-11-01T09:00+13:00')).users).toEqual(['a']);
    expect(onCallAt(losAngeles, at('2026-11-01T09:00-08:00')).users).toEqual(['a']);
    // A minute before its own start each rotation has nobody yet.
    expect(onCallAt(auckland, at('2026-11-01T08:59+13:00')).users).toEqual([]);
    expect(onCallAt(losAngeles, at('2026-11-01T08:59-08:00')).users).toEqual([]);
    expect(onCallAt(auckland, at('2026-11-02T08:59+13:00')).users).toEqual(['a']);
  });

  it('keeps the Auckland Monday window at 09:00–17:00 NZDT and NZST alike', () => {
    const monday = (from: string, to: string) =>
      layerShifts(auckland, 1, at(from), at(to))
        .filter((s) => s.users.length > 0)
        .map(brief);
    // NZ summer (+13) and NZ winter (+12).
    expect(monday('2026-11-29T00:00Z', '2026-11-30T12:00Z')).toEqual([
      '2026-11-29T20:00:00.000Z 2026-11-30T04:00:00.000Z m monday',
    ]);
    expect(monday('2026-06-28T00:00Z', '2026-06-29T12:00Z')).toEqual([
      '2026-06-28T21:00:00.000Z 2026-06-29T05:00:00.000Z m monday',
    ]);
  });

  it('moves an Auckland 02:30 handoff on the spring-forward night (2026-09-27) to 03:00 NZDT', () => {
    const night = makeSchedule({
      timeZone: 'Pacific/Auckland',
      layers: [{ name: 'n', rotation: { participants: ['a', 'b'], shiftLength: '1d', start: '2026-09-01T02:30' } }],
    });
    expect(shifts(night, at('2026-09-26T02:30+12:00'), at('2026-09-28T02:30+13:00')).map(brief)).toEqual([
      '2026-09-25T14:30:00.000Z 2026-09-26T14:00:00.000Z b n',
      '2026-09-26T14:00:00.000Z 2026-09-27T13:30:00.000Z a n',
    ]);
  });

  it('keeps an overnight window across Auckland\'s fall back (2026-04-05 03:00 → 02:00)', () => {
    const nights = makeSchedule({
      timeZone: 'Pacific/Auckland',
      layers: [
        {
          name: 'nights',
          rotation: { participants: ['n'], shiftLength: '1w', start: '2026-03-30T00:00' },
          restrictions: [{ days: ['sat'], start: '22:00', end: '06:00' }],
        },
      ],
    });
    // Saturday 22:00 NZDT to Sunday 06:00 NZST is nine hours.
    expect(shifts(nights, at('2026-04-04T00:00Z'), at('2026-04-05T00:00Z')).map(brief)).toEqual([
      '2026-04-04T00:00:00.000Z 2026-04-04T09:00:00.000Z - -',
      '2026-04-04T09:00:00.000Z 2026-04-04T18:00:00.000Z n nights',
      '2026-04-04T18:00:00.000Z 2026-04-05T00:00:00.000Z - -',
    ]);
  });
});

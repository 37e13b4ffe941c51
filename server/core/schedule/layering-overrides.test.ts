import { describe, expect, it } from 'vitest';
import { onCallAt, shifts } from './on-call.js';
import { at, brief, makeSchedule } from './test-fixtures.js';

/** Three UTC layers: 'base' (a/b daily), 'mid' (c, Mondays 08–20) and 'top' (d, Mondays 12–14). */
function stacked(overrides: unknown[] = []) {
  return makeSchedule({
    layers: [
      { name: 'base', rotation: { participants: ['a', 'b'], shiftLength: '1d', start: '2026-01-05T00:00' } },
      {
        name: 'mid',
        rotation: { participants: ['c'], shiftLength: '1w', start: '2026-01-05T00:00' },
        restrictions: [{ days: ['mon'], start: '08:00', end: '20:00' }],
      },
      {
        name: 'top',
        rotation: { participants: ['d'], shiftLength: '1w', start: '2026-01-05T00:00' },
        restrictions: [{ days: ['mon'], start: '12:00', end: '14:00' }],
      },
    ],
    overrides,
  });
}

// 2026-01-05 is a Monday.
const monday = (from: string, to: string, schedule = stacked()) =>
  shifts(schedule, at(`2026-01-05T${from}Z`), at(`2026-01-05T${to}Z`)).map(brief);

describe('layering', () => {
  it('lets the highest layer with someone win and the lower ones show through', () => {
    expect(monday('06:00', '22:00')).toEqual([
      '2026-01-05T06:00:00.000Z 2026-01-05T08:00:00.000Z a base',
      '2026-01-05T08:00:00.000Z 2026-01-05T12:00:00.000Z c mid',
      '2026-01-05T12:00:00.000Z 2026-01-05T14:00:00.000Z d top',
      '2026-01-05T14:00:00.000Z 2026-01-05T20:00:00.000Z c mid',
      '2026-01-05T20:00:00.000Z 2026-01-05T22:00:00.000Z a base',
    ]);
  });

  it('reports a gap when no layer has anyone', () => {
    const sparse = makeSchedule({
      layers: [
        {
          name: 'days',
          rotation: { participants: ['a'], shiftLength: '1d', start: '2026-01-05T00:00' },
          restrictions: [{ days: ['mon', 'tue'], start: '09:00', end: '17:00' }],
        },
        {
          name: 'nights',
          rotation: { participants: ['n'], shiftLength: '1d', start: '2026-01-05T00:00' },
          restrictions: [{ days: ['mon'], start: '22:00', end: '02:00' }],
        },
      ],
    });
    expect(shifts(sparse, at('2026-01-05T00:00Z'), at('2026-01-06T12:00Z')).map(brief)).toEqual([
      '2026-01-05T00:00:00.000Z 2026-01-05T09:00:00.000Z - -',
      '2026-01-05T09:00:00.000Z 2026-01-05T17:00:00.000Z a days',
      '2026-01-05T17:00:00.000Z 2026-01-05T22:00:00.000Z - -',
      '2026-01-05T22:00:00.000Z 2026-01-06T02:00:00.000Z n nights',
      '2026-01-06T02:00:00.000Z 2026-01-06T09:00:00.000Z - -',
      '2026-01-06T09:00:00.000Z 2026-01-06T12:00:00.000Z a days',
    ]);
    expect(onCallAt(sparse, at('2026-01-05T20:00Z'))).toEqual({ users: [], layer: null, override: false });
  });

  it('keeps a handoff inside a lower layer that a higher one hides only where it shows', () => {
    // base hands a → b at Tuesday 00:00, under nothing; mid and top are Monday only.
    expect(shifts(stacked(), at('2026-01-05T19:00Z'), at('2026-01-06T01:00Z')).map(brief)).toEqual([
      '2026-01-05T19:00:00.000Z 2026-01-05T20:00:00.000Z c mid',
      '2026-01-05T20:00:00.000Z 2026-01-06T00:00:00.000Z a base',
      '2026-01-06T00:00:00.000Z 2026-01-06T01:00:00.000Z b base',
    ]);
  });
});

describe('overrides', () => {
  it('replaces one user only where that user is on call in the final line, keeping the layer', () => {
    const s = stacked([{ user: 'e', replaces: 'a', start: '2026-01-05T07:00', end: '2026-01-05T21:00' }]);
    expect(monday('06:00', '22:00', s)).toEqual([
      '2026-01-05T06:00:00.000Z 2026-01-05T07:00:00.000Z a base',
      '2026-01-05T07:00:00.000Z 2026-01-05T08:00:00.000Z e base *',
      '2026-01-05T08:00:00.000Z 2026-01-05T12:00:00.000Z c mid',
      '2026-01-05T12:00:00.000Z 2026-01-05T14:00:00.000Z d top',
      '2026-01-05T14:00:00.000Z 2026-01-05T20:00:00.000Z c mid',
      '2026-01-05T20:00:00.000Z 2026-01-05T21:00:00.000Z e base *',
      '2026-01-05T21:00:00.000Z 2026-01-05T22:00:00.000Z a base',
    ]);
  });

  it('starts and ends inside one shift, splitting it in three', () => {
    const s = stacked([{ user: 'e', replaces: 'd', start: '2026-01-05T12:30', end: '2026-01-05T13:15' }]);
    expect(monday('12:00', '14:00', s)).toEqual([
      '2026-01-05T12:00:00.000Z 2026-01-05T12:30:00.000Z d top',
      '2026-01-05T12:30:00.000Z 2026-01-05T13:15:00.000Z e top *',
      '2026-01-05T13:15:00.000Z 2026-01-05T14:00:00.000Z d top',
    ]);
  });

  it('changes nothing when the replaced user is not on call in the window', () => {
    const s = stacked([{ user: 'e', replaces: 'b', start: '2026-01-05T06:00', end: '2026-01-05T22:00' }]);
    expect(monday('06:00', '22:00', s)).toEqual(monday('06:00', '22:00'));
  });

  it('without replaces puts the user on call for the whole window, gaps included, layer null', () => {
    const gappy = makeSchedule({
      layers: [
        {
          name: 'days',
          rotation: { participants: ['a'], shiftLength: '1d', start: '2026-01-05T00:00' },
          restrictions: [{ days: ['mon'], start: '09:00', end: '17:00' }],
        },
      ],
      overrides: [{ user: 'z', start: '2026-01-05T16:00', end: '2026-01-05T20:00' }],
    });
    expect(shifts(gappy, at('2026-01-05T08:00Z'), at('2026-01-05T21:00Z')).map(brief)).toEqual([
      '2026-01-05T08:00:00.000Z 2026-01-05T09:00:00.000Z - -',
      '2026-01-05T09:00:00.000Z 2026-01-05T16:00:00.000Z a days',
      '2026-01-05T16:00:00.000Z 2026-01-05T20:00:00.000Z z - *',
      '2026-01-05T20:00:00.000Z 2026-01-05T21:00:00.000Z - -',
    ]);
    expect(onCallAt(gappy, at('2026-01-05T18:00Z'))).toEqual({ users: ['z'], layer: null, override: true });
  });

  it('lets the latest override win where overrides overlap', () => {
    const s = stacked([
      { user: 'x', start: '2026-01-05T06:00', end: '2026-01-05T10:00' },
      { user: 'y', start: '2026-01-05T09:00', end: '2026-01-05T11:00' },
    ]);
    expect(monday('06:00', '12:00', s)).toEqual([
      '2026-01-05T06:00:00.000Z 2026-01-05T09:00:00.000Z x - *',
      '2026-01-05T09:00:00.000Z 2026-01-05T11:00:00.000Z y - *',
      '2026-01-05T11:00:00.000Z 2026-01-05T12:00:00.000Z c mid',
    ]);
  });

  it('applies a later replacing override to the result of earlier ones', () => {
    // e covers c's Monday; then f covers e's afternoon — including the time e took from c.
    const s = stacked([
      { user: 'e', replaces: 'c', start: '2026-01-05T00:00', end: '2026-01-06T00:00' },
      { user: 'f', replaces: 'e', start: '2026-01-05T15:00', end: '2026-01-05T18:00' },
    ]);
    expect(monday('14:00', '20:00', s)).toEqual([
      '2026-01-05T14:00:00.000Z 2026-01-05T15:00:00.000Z e mid *',
      '2026-01-05T15:00:00.000Z 2026-01-05T18:00:00.000Z f mid *',
      '2026-01-05T18:00:00.000Z 2026-01-05T20:00:00.000Z e mid *',
    ]);
    // A later replacement can stand in for the user an earlier full override put on call.
    const t = stacked([
      { user: 'x', start: '2026-01-05T08:00', end: '2026-01-05T10:00' },
      { user: 'e', replaces: 'x', start: '2026-01-05T09:00', end: '2026-01-05T12:00' },
    ]);
    expect(monday('08:00', '11:00', t)).toEqual([
      '2026-01-05T08:00:00.000Z 2026-01-05T09:00:00.000Z x - *',
      '2026-01-05T09:00:00.000Z 2026-01-05T10:00:00.000Z e - *',
      '2026-01-05T10:00:00.000Z 2026-01-05T11:00:00.000Z c mid',
    ]);
  });

  it('reads override times in the schedule time zone, DST included', () => {
    const ny = makeSchedule({
      timeZone: 'America/New_York',
      layers: [{ name: 'main', rotation: { participants: ['a'], shiftLength: '1w', start: '2026-03-02T09:00' } }],
      overrides: [{ user: 'b', replaces: 'a', start: '2026-03-08T01:00', end: '2026-03-08T04:00' }],
    });
    // 01:00 EST to 04:00 EDT is two hours.
    expect(shifts(ny, at('2026-03-08T05:00Z'), at('2026-03-08T09:00Z')).map(brief)).toEqual([
      '2026-03-08T05:00:00.000Z 2026-03-08T06:00:00.000Z a main',
      '2026-03-08T06:00:00.000Z 2026-03-08T08:00:00.000Z b main *',
      '2026-03-08T08:00:00.000Z 2026-03-08T09:00:00.000Z a main',
    ]);
  });

  it('ignores an override that lies outside the range or replaces someone with themselves', () => {
    const s = stacked([
      { user: 'z', start: '2026-02-01T00:00', end: '2026-02-02T00:00' },
      { user: 'a', replaces: 'a', start: '2026-01-05T00:00', end: '2026-01-06T00:00' },
    ]);
    expect(monday('06:00', '22:00', s)).toEqual(monday('06:00', '22:00'));
  });
});

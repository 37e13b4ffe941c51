import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ScheduleSchema } from '../../../shared/schemas/schedule.js';
import { onCallAt, shifts } from './on-call.js';
import { at, brief, exampleSchedule, makeSchedule } from './test-fixtures.js';

const noc = exampleSchedule();

describe('onCallAt on the example schedule (America/New_York)', () => {
  it.each<[string, string[], string | null, boolean, string]>([
    ['2026-11-02T08:59-05:00', [], null, false, 'before the rotations start nobody is on call'],
    ['2026-11-02T09:00-05:00', ['dan'], 'weekday-days', false, 'the higher layer wins inside its window'],
    ['2026-11-03T12:00-05:00', ['dan'], 'weekday-days', false, 'a Tuesday noon'],
    ['2026-11-03T17:00-05:00', ['bob'], 'weekly', false, 'the lower layer shows through after 17:00'],
    ['2026-11-07T12:00-05:00', ['bob'], 'weekly', false, 'Saturday is outside the weekday window'],
    ['2026-11-09T08:59-05:00', ['bob'], 'weekly', false, 'the last minute of bob\'s week'],
    ['2026-11-09T17:00-05:00', ['cara'], 'weekly', false, 'cara\'s week'],
    ['2026-11-30T17:30-05:00', ['bob'], 'weekly', false, 'just before the override'],
    ['2026-11-30T18:00-05:00', ['dan'], 'weekly', true, 'the override replaces bob'],
    ['2026-12-01T07:59-05:00', ['dan'], 'weekly', true, 'the last minute of the override'],
    ['2026-12-01T08:00-05:00', ['bob'], 'weekly', false, 'bob is back when the override ends'],
    ['2026-12-01T09:00-05:00', ['dan'], 'weekday-days', false, 'dan on his own layer again'],
    ['2026-10-29T12:00-04:00', [], null, false, 'the daily layer has not started either'],
    ['2026-10-31T12:00-04:00', [], null, false, 'a Saturday before the first handoff'],
  ])('at %s: %j on %s (override %s) — %s', (instant, users, layer, override) => {
    expect(onCallAt(noc, at(instant))).toEqual({ users, layer, override });
  });

  it('reports nobody for an invalid instant instead of throwing', () => {
    expect(onCallAt(noc, new Date(Number.NaN))).toEqual({ users: [], layer: null, override: false });
  });
});

describe('shifts on the example schedule', () => {
  it('draws the override night as its own segment, merged with nothing around it', () => {
    expect(shifts(noc, at('2026-11-30T00:00-05:00'), at('2026-12-01T12:00-05:00')).map(brief)).toEqual([
      '2026-11-30T05:00:00.000Z 2026-11-30T14:00:00.000Z cara weekly',
      '2026-11-30T14:00:00.000Z 2026-11-30T22:00:00.000Z dan weekday-days',
      '2026-11-30T22:00:00.000Z 2026-11-30T23:00:00.000Z bob weekly',
      '2026-11-30T23:00:00.000Z 2026-12-01T13:00:00.000Z dan weekly *',
      '2026-12-01T13:00:00.000Z 2026-12-01T14:00:00.000Z bob weekly',
      '2026-12-01T14:00:00.000Z 2026-12-01T17:00:00.000Z dan weekday-days',
    ]);
  });

  it('merges a weekend of one person into one segment', () => {
    expect(shifts(noc, at('2026-11-06T12:00-05:00'), at('2026-11-09T12:00-05:00')).map(brief)).toEqual([
      '2026-11-06T17:00:00.000Z 2026-11-06T22:00:00.000Z dan weekday-days',
      '2026-11-06T22:00:00.000Z 2026-11-09T14:00:00.000Z bob weekly',
      '2026-11-09T14:00:00.000Z 2026-11-09T17:00:00.000Z dan weekday-days',
    ]);
  });

  it('returns no segments for an empty or reversed range', () => {
    expect(shifts(noc, at('2026-11-06T12:00Z'), at('2026-11-06T12:00Z'))).toEqual([]);
    expect(shifts(noc, at('2026-11-07T12:00Z'), at('2026-11-06T12:00Z'))).toEqual([]);
  });

  it('reports the whole range as a gap when the time zone is unknown', () => {
    const lost = { ...noc, timeZone: 'Nowhere/Atlantis' };
    expect(shifts(lost, at('2026-11-06T00:00Z'), at('2026-11-07T00:00Z')).map(brief)).toEqual([
      '2026-11-06T00:00:00.000Z 2026-11-07T00:00:00.000Z - -',
    ]);
  });

  it('computes 90 days of a three-layer schedule in a few milliseconds', () => {
    const three = makeSchedule({
      timeZone: 'America/New_York',
      layers: [
        ...noc.layers,
        {
          name: 'nights',
          rotation: { participants: ['x', 'y', 'z'], shiftLength: '12h', start: '2026-11-02T21:00' },
          restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '21:00', end: '07:00' }],
        },
      ],
      overrides: noc.overrides,
    });
    const from = at('2026-11-01T00:00Z');
    const to = at('2027-01-30T00:00Z');
    shifts(three, from, to);
    const runs: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      shifts(three, from, to);
      runs.push(performance.now() - started);
    }
    // Typically 1–3 ms; the bound leaves room for a busy CI machine.
    expect(Math.min(...runs)).toBeLessThan(25);
  });
});

describe('the project\'s example config', () => {
  it('parses and gives the same answers as the fixture', () => {
    const config = parse(readFileSync(new URL('../../../shared/config/klaxon.example.yaml', import.meta.url), 'utf8')) as {
      schedules: unknown[];
    };
    const schedule = ScheduleSchema.parse(config.schedules[0]);
    for (const instant of ['2026-11-03T12:00-05:00', '2026-11-07T12:00-05:00', '2026-11-30T18:30-05:00', '2026-11-20T03:00-05:00']) {
      expect(onCallAt(schedule, at(instant))).toEqual(onCallAt(noc, at(instant)));
    }
  });
});

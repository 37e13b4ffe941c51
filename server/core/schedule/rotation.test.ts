import { describe, expect, it } from 'vitest';
import type { Rotation } from '../../../shared/schemas/schedule.js';
import { rotationTurns } from './rotation.js';
import { createZoneTime, type ZoneTime } from './zone-time.js';

const ny = createZoneTime('America/New_York') as ZoneTime;
const utc = createZoneTime('UTC') as ZoneTime;

function turns(rotation: Rotation, zone: ZoneTime, from: string, to: string): string[] {
  return rotationTurns(rotation, zone, Date.parse(from), Date.parse(to)).map(
    (t) => `${new Date(t.start).toISOString()} ${t.user}`,
  );
}

describe('rotationTurns', () => {
  it('takes turns in order from the handoff, clipped to the range', () => {
    const rotation = { participants: ['a', 'b', 'c'], shiftLength: 86_400, start: '2026-01-01T09:00' };
    expect(turns(rotation, utc, '2026-01-01T12:00Z', '2026-01-05T00:00Z')).toEqual([
      '2026-01-01T12:00:00.000Z a',
      '2026-01-02T09:00:00.000Z b',
      '2026-01-03T09:00:00.000Z c',
      '2026-01-04T09:00:00.000Z a',
    ]);
  });

  it('has nobody before its start: the first turn begins at the start', () => {
    const rotation = { participants: ['a', 'b', 'c'], shiftLength: 86_400, start: '2026-01-10T09:00' };
    expect(turns(rotation, utc, '2026-01-07T10:00Z', '2026-01-11T10:00Z')).toEqual([
      '2026-01-10T09:00:00.000Z a', // turn 0
      '2026-01-11T09:00:00.000Z b',
    ]);
    expect(turns(rotation, utc, '2026-01-07T10:00Z', '2026-01-10T09:00Z')).toEqual([]);
  });

  it('keeps contiguous turns whose ends are the next starts and whose last end is the range end', () => {
    const rotation = { participants: ['a', 'b'], shiftLength: 5400, start: '2026-01-01T00:00' };
    const list = rotationTurns(rotation, utc, Date.parse('2026-01-01T01:00Z'), Date.parse('2026-01-01T06:00Z'));
    expect(list[0]?.start).toBe(Date.parse('2026-01-01T01:00Z'));
    expect(list.at(-1)?.end).toBe(Date.parse('2026-01-01T06:00Z'));
    for (let i = 1; i < list.length; i += 1) expect(list[i]?.start).toBe(list[i - 1]?.end);
    expect(list.map((t) => t.user).join('')).toBe('abab');
  });

  it('advances whole days in calendar days so a 09:00 handoff stays at 09:00 across DST', () => {
    const rotation = { participants: ['a', 'b'], shiftLength: 86_400, start: '2026-03-01T09:00' };
    expect(turns(rotation, ny, '2026-03-07T14:00Z', '2026-03-09T14:00Z')).toEqual([
      '2026-03-07T14:00:00.000Z a', // 09:00 EST
      '2026-03-08T13:00:00.000Z b', // 09:00 EDT: the 7th's turn lasted 23 h
      '2026-03-09T13:00:00.000Z a',
    ]);
  });

  it('advances weeks in calendar days too', () => {
    const rotation = { participants: ['bob', 'cara'], shiftLength: 604_800, start: '2026-10-26T09:00' };
    expect(turns(rotation, ny, '2026-10-26T13:00Z', '2026-11-09T15:00Z')).toEqual([
      '2026-10-26T13:00:00.000Z bob', // 09:00 EDT
      '2026-11-02T14:00:00.000Z cara', // 09:00 EST: a week of 169 h
      '2026-11-09T14:00:00.000Z bob',
    ]);
  });

  it('advances hour lengths in elapsed time, so the wall-clock handoff moves across DST', () => {
    const rotation = { participants: ['a', 'b'], shiftLength: 43_200, start: '2026-03-07T20:00' };
    expect(turns(rotation, ny, '2026-03-08T01:00Z', '2026-03-09T02:00Z')).toEqual([
      '2026-03-08T01:00:00.000Z a', // 20:00 EST
      '2026-03-08T13:00:00.000Z b', // 09:00 EDT, 12 h later
      '2026-03-09T01:00:00.000Z a', // 21:00 EDT
    ]);
  });

  it('returns no turns when the rotation cannot turn or the range is empty', () => {
    const ok = { participants: ['a'], shiftLength: 3600, start: '2026-01-01T00:00' };
    const from = Date.parse('2026-01-01T00:00Z');
    expect(rotationTurns({ ...ok, participants: [] }, utc, from, from + 1)).toEqual([]);
    expect(rotationTurns({ ...ok, shiftLength: 0 }, utc, from, from + 1)).toEqual([]);
    expect(rotationTurns({ ...ok, start: 'soon' }, utc, from, from + 1)).toEqual([]);
    expect(rotationTurns(ok, utc, from, from)).toEqual([]);
    expect(rotationTurns(ok, utc, Number.NaN, from)).toEqual([]);
  });

  it('finds the turn holding an instant far from the handoff without walking every turn', () => {
    const rotation = { participants: ['a', 'b', 'c'], shiftLength: 3600, start: '2000-01-01T00:00' };
    const from = Date.parse('2030-06-01T05:30Z');
    const list = rotationTurns(rotation, utc, from, from + 3600_000);
    const hours = (Date.parse('2030-06-01T05:00Z') - Date.parse('2000-01-01T00:00Z')) / 3600_000;
    expect(list[0]?.user).toBe(['a', 'b', 'c'][hours % 3]);
    expect(list).toHaveLength(2);
  });
});

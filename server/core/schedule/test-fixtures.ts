import { ScheduleSchema, type Schedule } from '../../../shared/schemas/schedule.js';
import type { Shift } from './types.js';

/** The schedule input as a config file would spell it (durations as text, defaults optional). */
export type ScheduleInput = Parameters<typeof ScheduleSchema.parse>[0];

/**
 * Builds a schedule for tests through the shared schema, so durations are parsed to seconds and
 * defaults filled in as they are for real config; `fields` override the defaults given here.
 */
export function makeSchedule(fields: Partial<Record<keyof Schedule, unknown>>): Schedule {
  return ScheduleSchema.parse({ id: 'test', name: 'Test', team: 'noc', timeZone: 'UTC', overrides: [], ...fields });
}

/** The NOC primary schedule of the example config: weekly bob/cara, weekday days dan, one override. */
export function exampleSchedule(): Schedule {
  return makeSchedule({
    id: 'noc-primary',
    name: 'NOC primary',
    timeZone: 'America/New_York',
    owner: 'ann',
    layers: [
      { name: 'weekly', rotation: { participants: ['bob', 'cara'], shiftLength: '1w', start: '2026-11-02T09:00' } },
      {
        name: 'weekday-days',
        rotation: { participants: ['dan'], shiftLength: '1d', start: '2026-11-02T09:00' },
        restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }],
      },
    ],
    overrides: [{ user: 'dan', replaces: 'bob', start: '2026-11-30T18:00', end: '2026-12-01T08:00' }],
  });
}

/** Parses an ISO 8601 instant with an offset (tests write every instant this way). */
export function at(iso: string): Date {
  return new Date(iso);
}

/** A compact, comparable view of a shift: ISO start and end, users joined, layer and a star for overrides. */
export function brief(shift: Shift): string {
  const who = shift.users.length > 0 ? shift.users.join('+') : '-';
  return `${shift.start.toISOString()} ${shift.end.toISOString()} ${who} ${shift.layer ?? '-'}${shift.override ? ' *' : ''}`;
}

/** Returns a small seeded pseudo-random generator (mulberry32) giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

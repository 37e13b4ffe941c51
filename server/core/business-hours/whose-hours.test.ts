import { describe, expect, it } from 'vitest';
import { ClientSchema } from '../../../shared/schemas/client.js';
import type { Team } from '../../../shared/schemas/team.js';
import { releaseAt, whoseHours } from './index.js';

const team: Team = {
  id: 'noc',
  name: 'NOC',
  timeZone: 'America/New_York',
  businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
  holidays: [],
  members: [],
};
const berlin = ClientSchema.parse({
  id: 'acme',
  name: 'Acme',
  timeZone: 'Europe/Berlin',
  businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' },
  holidays: ['2026-03-30'],
});

describe('whose business hours hold an incident', () => {
  it("takes the client's zone, hours and holidays when it has both, else the team's", () => {
    expect(whoseHours(team, berlin)).toMatchObject({ owner: { kind: 'client', id: 'acme' }, hours: { timeZone: 'Europe/Berlin', holidays: ['2026-03-30'] } });
    const noHours = ClientSchema.parse({ id: 'x', name: 'X', timeZone: 'Europe/Berlin' });
    expect(whoseHours(team, noHours).owner).toEqual({ kind: 'team', id: 'noc', name: 'NOC' });
    expect(whoseHours(team).hours.timeZone).toBe('America/New_York');
  });

  it("releases by the client's hours across Europe's spring DST change, skipping its holiday", () => {
    const hours = whoseHours(team, berlin).hours;
    // Saturday 2026-03-28 20:00 in Berlin (UTC+1); the clocks jump on Sunday the 29th; Monday the 30th is a holiday.
    const saturday = new Date('2026-03-28T19:00:00Z');
    expect(releaseAt('low', hours, { pageMediumNow: false }, saturday)?.toISOString()).toBe('2026-03-31T06:00:00.000Z');
    // The team (New York, still UTC-4 here) would have released it on Monday 09:00 there.
    expect(releaseAt('low', team, { pageMediumNow: false }, saturday)?.toISOString()).toBe('2026-03-30T13:00:00.000Z');
    // Tuesday 09:00 Berlin summer time is inside the client's hours: page now.
    expect(releaseAt('medium', hours, { pageMediumNow: false }, new Date('2026-03-31T07:00:00Z'))).toBeNull();
  });
});

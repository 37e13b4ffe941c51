import { describe, expect, it } from 'vitest';
import type { BusinessTeam } from './business-hours.js';
import { releaseAt } from './release-at.js';

const ny: BusinessTeam = {
  timeZone: 'America/New_York',
  businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
  holidays: [],
};
const saturday = new Date('2026-03-07T15:00:00Z'); // Sat 10:00 EST
const monday = new Date('2026-03-09T15:00:00Z'); // Mon 11:00 EDT
const mondayStart = '2026-03-09T13:00:00.000Z';

describe('releaseAt', () => {
  it('pages high now, always', () => {
    expect(releaseAt('high', ny, { pageMediumNow: false }, saturday)).toBeNull();
  });

  it('holds medium until business hours unless the service pages medium now', () => {
    expect(releaseAt('medium', ny, { pageMediumNow: false }, saturday)?.toISOString()).toBe(mondayStart);
    expect(releaseAt('medium', ny, { pageMediumNow: true }, saturday)).toBeNull();
  });

  it('holds low until business hours even when the service pages medium now', () => {
    expect(releaseAt('low', ny, { pageMediumNow: true }, saturday)?.toISOString()).toBe(mondayStart);
  });

  it('pages medium and low now within business hours', () => {
    expect(releaseAt('medium', ny, { pageMediumNow: false }, monday)).toBeNull();
    expect(releaseAt('low', ny, { pageMediumNow: false }, monday)).toBeNull();
  });

  it('pages now when the team has no business window at all', () => {
    const closed: BusinessTeam = { ...ny, businessHours: { days: ['mon'], start: '02:30', end: '02:45' }, timeZone: 'UTC' };
    const everyMonday = Array.from({ length: 600 }, (_, i) => new Date(Date.UTC(2026, 2, 9 + 7 * (i - 10))).toISOString().slice(0, 10));
    expect(releaseAt('low', { ...closed, holidays: everyMonday }, { pageMediumNow: false }, monday)).toBeNull();
  });
});

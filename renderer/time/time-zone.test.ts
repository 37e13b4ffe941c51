import { describe, expect, it } from 'vitest';
import { isValidZone, todayIn, wallClock, zoneCity, zoneLabel } from './time-zone.js';

// One fixed instant, half an hour before daylight saving time starts in New York (07:00Z on 8 March 2026).
const AT = new Date('2026-03-08T06:30:00Z');
const AFTER_DST = new Date('2026-03-08T07:30:00Z');

describe('the wall clock of a zone', () => {
  it('reads the same instant in three zones', () => {
    expect(wallClock(AT, 'America/New_York')).toMatchObject({ year: 2026, month: 3, day: 8, hour: 1, minute: 30, weekday: 0 });
    expect(wallClock(AT, 'Asia/Kolkata')).toMatchObject({ day: 8, hour: 12, minute: 0 });
    expect(wallClock(AT, 'Pacific/Chatham')).toMatchObject({ day: 8, hour: 20, minute: 15 });
  });

  it('jumps an hour across the start of daylight saving time', () => {
    expect(wallClock(AFTER_DST, 'America/New_York')).toMatchObject({ hour: 3, minute: 30 });
  });

  it('says midnight as hour 0', () => {
    expect(wallClock('2026-03-08T05:00:00Z', 'America/New_York').hour).toBe(0);
  });
});

describe('today and now in a schedule zone', () => {
  it('takes the date from the zone, not from UTC', () => {
    // 02:00 UTC on the 8th is still the 7th in New York and already the 8th in Kolkata.
    const early = new Date('2026-03-08T02:00:00Z');
    expect(todayIn('America/New_York', early)).toBe('2026-03-07');
    expect(todayIn('UTC', early)).toBe('2026-03-08');
    expect(todayIn('Asia/Kolkata', early)).toBe('2026-03-08');
    // Late on the 7th in UTC is already the 8th on the Chatham Islands.
    expect(todayIn('Pacific/Chatham', new Date('2026-03-07T11:00:00Z'))).toBe('2026-03-08');
  });

});

describe('zone labels', () => {
  it('uses the abbreviation where one is common, else the offset', () => {
    expect(zoneLabel('America/New_York', AT)).toBe('EST');
    expect(zoneLabel('America/New_York', AFTER_DST)).toBe('EDT');
    expect(zoneLabel('Asia/Kolkata', AT)).toBe('UTC+5:30');
    expect(zoneLabel('Pacific/Chatham', AT)).toBe('UTC+13:45');
    expect(zoneLabel('Pacific/Chatham', '2026-07-01T00:00:00Z')).toBe('UTC+12:45');
    expect(zoneLabel('UTC', AT)).toBe('UTC');
  });

  it('knows real zone names only', () => {
    expect(isValidZone('Pacific/Chatham')).toBe(true);
    expect(isValidZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidZone('')).toBe(false);
    expect(zoneCity('America/New_York')).toBe('New York');
  });
});

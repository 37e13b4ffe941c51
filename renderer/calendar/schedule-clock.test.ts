import { describe, expect, it } from 'vitest';
import { formatInZone, nowInDays, todayIn, zoneAbbreviation } from './schedule-clock.js';

// 2026-03-08 05:30 UTC: in New York the night spring-forward happens (00:30 EST); still the 7th in
// Los Angeles (21:30 PST), already the 8th in Tokyo (14:30 JST) and London (05:30 GMT).
const AT = new Date('2026-03-08T05:30:00Z');

describe('the schedule clock', () => {
  it('says what date it is in the schedule zone, not in UTC', () => {
    expect(todayIn(AT, 'America/Los_Angeles')).toBe('2026-03-07');
    expect(todayIn(AT, 'America/New_York')).toBe('2026-03-08');
    expect(todayIn(AT, 'Asia/Tokyo')).toBe('2026-03-08');
    expect(todayIn(new Date('2026-11-29T03:00:00Z'), 'America/New_York')).toBe('2026-11-28');
    expect(todayIn(new Date('2026-11-28T16:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-29');
  });

  it('writes times on the zone clock with the zone named, across the DST change', () => {
    expect(formatInZone(AT, 'America/New_York')).toBe('Sun 8 Mar, 00:30 EST');
    expect(formatInZone('2026-03-08T07:30:00Z', 'America/New_York')).toBe('Sun 8 Mar, 03:30 EDT');
    expect(formatInZone(AT, 'Asia/Tokyo')).toBe('Sun 8 Mar, 14:30 GMT+9');
    expect(formatInZone(AT, 'America/Los_Angeles')).toBe('Sat 7 Mar, 21:30 PST');
    expect(zoneAbbreviation(AT, 'UTC')).toBe('UTC');
  });

  it('places now inside the 23-hour DST day in proportion to its real length', () => {
    const days = [
      { date: '2026-03-07', start: '2026-03-07T05:00:00.000Z', end: '2026-03-08T05:00:00.000Z' },
      { date: '2026-03-08', start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' },
    ];
    const now = nowInDays(new Date('2026-03-08T16:30:00Z'), days);
    expect(now?.date).toBe('2026-03-08');
    expect(now?.pct).toBeCloseTo((11.5 / 23) * 100);
    expect(nowInDays(new Date('2026-03-09T04:00:00Z'), days)).toBeNull();
  });
});

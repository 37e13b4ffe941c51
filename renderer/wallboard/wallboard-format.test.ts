import { describe, expect, it } from 'vitest';
import { formatRate, handoffText, nextPeopleText, trendOf, trendText, wallFontPx } from './wallboard-format.js';

describe('wallboard formatting', () => {
  it('says rates as whole percentages', () => {
    expect([null, 0, 1 / 3, 1].map(formatRate)).toEqual(['—', '0%', '33%', '100%']);
  });

  it('compares with last week, lower being better', () => {
    expect(trendOf(50, 100)).toBe('better');
    expect(trendOf(120, 100)).toBe('worse');
    expect(trendOf(102, 100)).toBe('same');
    expect(trendOf(null, 100)).toBe('unknown');
    expect(trendOf(1, 0)).toBe('worse');
    expect(trendText('better')).toBe('▼ better than last week');
  });

  it('says when the next handoff is and who takes over, a gap included', () => {
    const now = new Date('2026-12-01T06:00:00Z');
    expect(handoffText('2026-12-01T09:05:00Z', now, { zone: 'America/New_York', hourCycle: 24 })).toBe('in 3h 05m (Tue 1 Dec 04:05 EST)');
    expect(handoffText('2026-12-01T09:05:00Z', now, { zone: 'Asia/Kolkata', hourCycle: 12 })).toMatch(/^in 3h 05m \(Tue 1 Dec 2:35\s?PM (IST|GMT\+5:30|UTC\+5:30)\)$/);
    expect(handoffText(null, now, { zone: 'UTC', hourCycle: 24 })).toBe('no handoff in the next 60 days');
    expect(nextPeopleText(['Ann Example', 'Bob Example'])).toBe('Ann Example, Bob Example');
    expect(nextPeopleText([])).toBe('nobody — a gap begins');
    expect(nextPeopleText(undefined)).toBe('—');
  });

  it('scales the type with the screen: larger on 4K, never tiny', () => {
    expect(wallFontPx(1280)).toBe(14);
    expect(wallFontPx(1920)).toBe(17);
    expect(wallFontPx(3840)).toBe(35);
    expect(wallFontPx(10_000)).toBe(40);
  });
});

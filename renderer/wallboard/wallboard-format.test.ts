import { describe, expect, it } from 'vitest';
import { formatAge, formatRate, handoffText, nextPeopleText, trendOf, trendText, wallFontPx } from './wallboard-format.js';

describe('wallboard formatting', () => {
  it('says durations in the largest sensible units', () => {
    expect([null, 0, 45, 60, 754, 3600, 11_100, 86_400 * 2 + 3600 * 4 + 5].map(formatAge)).toEqual(['—', '0s', '45s', '1m', '12m', '1h 00m', '3h 05m', '2d 4h']);
  });

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
    expect(handoffText('2026-12-01T09:05:00Z', now)).toMatch(/^in 3h 05m \(.+\)$/);
    expect(handoffText(null, now)).toBe('no handoff in the next 60 days');
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

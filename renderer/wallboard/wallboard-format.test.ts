import { describe, expect, it } from 'vitest';
import { formatRate, trendOf, trendText } from './wallboard-format.js';

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
});

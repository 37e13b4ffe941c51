import { describe, expect, it } from 'vitest';
import { durationStats, nearestRank, rate } from './duration-stats.js';

describe('nearest-rank percentiles', () => {
  it('takes the value at rank ⌈p/100 · n⌉', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 50)).toBe(5); // rank ⌈5⌉ = 5
    expect(nearestRank(ten, 90)).toBe(9); // rank ⌈9⌉ = 9
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2); // rank ⌈2⌉ = 2
    expect(nearestRank([1, 2, 3], 90)).toBe(3); // rank ⌈2.7⌉ = 3
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([], 50)).toBeUndefined();
  });

  it('summarises durations, unsorted, with negatives as 0', () => {
    // [0, 10, 20, 30, 40] ms: mean 100/5 = 20; p50 rank ⌈2.5⌉ = 3 → 20; p90 rank ⌈4.5⌉ = 5 → 40.
    expect(durationStats([40, -5, 20, 30, 10])).toEqual({ count: 5, meanMs: 20, p50Ms: 20, p90Ms: 40 });
    expect(durationStats([])).toEqual({ count: 0, meanMs: null, p50Ms: null, p90Ms: null });
  });

  it('answers null for a rate over nothing', () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(0, 4)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });
});

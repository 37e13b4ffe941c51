import { describe, expect, it } from 'vitest';
import { guessingVerdict, recentMisses, recordMiss } from './recipient-guessing.js';

const rule = { maxUnknown: 3, windowMs: 60_000 };

describe('recipient guessing', () => {
  it('lets a peer miss fewer times than the limit, and turns it away at the limit', () => {
    let misses: number[] = [];
    for (const at of [0, 1_000]) misses = recordMiss(misses, rule, at);
    expect(guessingVerdict(misses, rule, 2_000)).toEqual({ throttled: false });
    misses = recordMiss(misses, rule, 2_000);
    expect(guessingVerdict(misses, rule, 2_000)).toEqual({ throttled: true, retryAfterSeconds: 58 });
  });

  it('forgives a peer once its oldest counted miss leaves the window', () => {
    const misses = [0, 1_000, 2_000];
    expect(guessingVerdict(misses, rule, 59_999).throttled).toBe(true);
    expect(guessingVerdict(misses, rule, 60_000)).toEqual({ throttled: false });
  });

  it('keeps no more misses than the rule looks at, and none from outside the window', () => {
    let misses: number[] = [];
    for (let at = 0; at < 100; at++) misses = recordMiss(misses, rule, at * 1_000);
    expect(misses).toEqual([97_000, 98_000, 99_000]);
    expect(recentMisses([0, 30_000, 90_000], rule, 100_000)).toEqual([90_000]);
  });

  it('does not count misses dated after now (a clock set back)', () => {
    expect(guessingVerdict([50_000, 60_000, 70_000], rule, 10_000)).toEqual({ throttled: false });
  });
});

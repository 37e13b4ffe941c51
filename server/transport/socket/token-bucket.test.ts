import { describe, expect, it } from 'vitest';
import { fullBucket, takeToken, type Bucket } from './token-bucket.js';

const rule = { burst: 3, perSecond: 2 };

describe('token bucket', () => {
  it('allows a burst, then refuses with the wait until the next token, then refills with time', () => {
    let bucket: Bucket = fullBucket(rule, 1_000);
    for (let i = 0; i < 3; i++) {
      const taken = takeToken(bucket, rule, 1_000);
      expect(taken.waitMs).toBe(0);
      bucket = taken.bucket;
    }
    const refused = takeToken(bucket, rule, 1_000);
    expect(refused.waitMs).toBe(500);
    expect(takeToken(refused.bucket, rule, 1_250).waitMs).toBe(250);
    const back = takeToken(refused.bucket, rule, 1_500);
    expect(back.waitMs).toBe(0);
    expect(back.bucket.tokens).toBeCloseTo(0);
  });

  it('never holds more than the burst, and a clock going backwards refills nothing', () => {
    const idle = takeToken(fullBucket(rule, 0), rule, 3_600_000);
    expect(idle.bucket.tokens).toBe(2);
    const backwards = takeToken({ tokens: 0, at: 5_000 }, rule, 1_000);
    expect(backwards.waitMs).toBe(500);
    expect(backwards.bucket.at).toBe(5_000);
  });
});

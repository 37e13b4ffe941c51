import { describe, expect, it } from 'vitest';
import { type Bucket, takeToken, takeTokens } from './rate-limit.js';

const rule = { perMinute: 60, burst: 3 };

describe('takeToken', () => {
  it('allows a burst, then refuses with the wait for the next token', () => {
    let bucket: Bucket | undefined;
    for (let i = 0; i < 3; i++) {
      const d = takeToken(bucket, rule, 0);
      expect(d.allowed).toBe(true);
      bucket = d.bucket;
    }
    const refused = takeToken(bucket, rule, 0);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the rule rate and never above the burst', () => {
    let bucket: Bucket = { tokens: 0, updatedAt: 0 };
    expect(takeToken(bucket, rule, 500).allowed).toBe(false);
    const later = takeToken(bucket, rule, 1000);
    expect(later.allowed).toBe(true);
    bucket = { tokens: 0, updatedAt: 0 };
    const muchLater = takeToken(bucket, rule, 3_600_000);
    expect(muchLater.bucket.tokens).toBe(2);
  });

  it('answers a wait of whole seconds, at least one', () => {
    const slow = { perMinute: 2, burst: 1 };
    const first = takeToken(undefined, slow, 0);
    const second = takeToken(first.bucket, slow, 0);
    expect(second).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
  });
});

describe('takeTokens (one per alert)', () => {
  const big = { perMinute: 60, burst: 2_000 };

  it('spends one token per alert, all or none', () => {
    const first = takeTokens(undefined, big, 1_500, 0);
    expect(first).toMatchObject({ allowed: true, bucket: { tokens: 500 } });
    const second = takeTokens(first.bucket, big, 600, 0);
    expect(second).toMatchObject({ allowed: false, overBurst: false, available: 500, retryAfterSeconds: 100 });
    expect(second.bucket.tokens).toBe(500);
    expect(takeTokens(second.bucket, big, 500, 0)).toMatchObject({ allowed: true, bucket: { tokens: 0 } });
  });

  it('refuses for good a batch larger than the burst, even from a full bucket', () => {
    expect(takeTokens(undefined, big, 2_001, 0)).toMatchObject({ allowed: false, overBurst: true });
    expect(takeTokens(undefined, big, 2_000, 0).allowed).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { type Bucket, takeToken } from './rate-limit.js';

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

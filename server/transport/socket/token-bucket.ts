/** How many events a bucket allows: `burst` at once, refilled at `perSecond`. */
export interface BucketRule {
  burst: number;
  perSecond: number;
}

/** A token bucket's state: tokens left at the instant `at` (ms). */
export interface Bucket {
  tokens: number;
  at: number;
}

/** A full bucket at `now`. */
export function fullBucket(rule: BucketRule, now: number): Bucket {
  return { tokens: rule.burst, at: now };
}

/** The bucket refilled up to `now` (time going backwards refills nothing). */
export function refill(bucket: Bucket, rule: BucketRule, now: number): Bucket {
  const elapsed = Math.max(0, now - bucket.at);
  return { tokens: Math.min(rule.burst, bucket.tokens + (elapsed * rule.perSecond) / 1000), at: Math.max(now, bucket.at) };
}

/**
 * Takes one token at `now`. Answers the new bucket and, when the bucket was empty, how many
 * milliseconds until a token is back (`waitMs` > 0: refused, nothing taken).
 */
export function takeToken(bucket: Bucket, rule: BucketRule, now: number): { bucket: Bucket; waitMs: number } {
  const filled = refill(bucket, rule, now);
  if (filled.tokens >= 1) return { bucket: { ...filled, tokens: filled.tokens - 1 }, waitMs: 0 };
  return { bucket: filled, waitMs: Math.ceil(((1 - filled.tokens) * 1000) / rule.perSecond) };
}

/** One key's token bucket: how many tokens it holds and when it was last topped up. */
export interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** A bucket's rule: `perMinute` tokens flow in each minute, up to `burst` held at once. */
export interface RateRule {
  perMinute: number;
  burst: number;
}

/** The outcome of taking one token: allowed, or refused with how long to wait for the next. */
export type RateDecision = { allowed: true; bucket: Bucket } | { allowed: false; bucket: Bucket; retryAfterSeconds: number };

/**
 * Takes one token from a bucket at `nowMs` (pure: the caller keeps the returned bucket). A missing
 * bucket starts full.
 */
export function takeToken(bucket: Bucket | undefined, rule: RateRule, nowMs: number): RateDecision {
  const perMs = rule.perMinute / 60_000;
  const start = bucket ?? { tokens: rule.burst, updatedAt: nowMs };
  const elapsed = Math.max(0, nowMs - start.updatedAt);
  const tokens = Math.min(rule.burst, start.tokens + elapsed * perMs);
  if (tokens >= 1) return { allowed: true, bucket: { tokens: tokens - 1, updatedAt: nowMs } };
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  return { allowed: false, bucket: { tokens, updatedAt: nowMs }, retryAfterSeconds };
}

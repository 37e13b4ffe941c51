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

/**
 * The outcome of taking tokens: allowed; refused with how long to wait until the bucket holds enough
 * (`retryAfterSeconds`) and how many it holds now (`available`); or refused for good because more
 * were asked for than the bucket ever holds (`overBurst`: split the batch).
 */
export type RateDecision =
  | { allowed: true; bucket: Bucket }
  | { allowed: false; bucket: Bucket; overBurst: false; retryAfterSeconds: number; available: number }
  | { allowed: false; bucket: Bucket; overBurst: true };

/**
 * Takes `count` tokens (one per alert) from a bucket at `nowMs`, all or none (pure: the caller keeps
 * the returned bucket). A missing bucket starts full. A refusal takes nothing.
 */
export function takeTokens(bucket: Bucket | undefined, rule: RateRule, count: number, nowMs: number): RateDecision {
  const perMs = rule.perMinute / 60_000;
  const start = bucket ?? { tokens: rule.burst, updatedAt: nowMs };
  const elapsed = Math.max(0, nowMs - start.updatedAt);
  const tokens = Math.min(rule.burst, start.tokens + elapsed * perMs);
  if (count > rule.burst) return { allowed: false, bucket: { tokens, updatedAt: nowMs }, overBurst: true };
  if (tokens >= count) return { allowed: true, bucket: { tokens: tokens - count, updatedAt: nowMs } };
  const retryAfterSeconds = Math.max(1, Math.ceil((count - tokens) / perMs / 1000));
  return { allowed: false, bucket: { tokens, updatedAt: nowMs }, overBurst: false, retryAfterSeconds, available: Math.floor(tokens) };
}

/** Takes one token from a bucket at `nowMs`; see `takeTokens`. */
export function takeToken(bucket: Bucket | undefined, rule: RateRule, nowMs: number): RateDecision {
  return takeTokens(bucket, rule, 1, nowMs);
}

import type { ContactAddress, PageMessage, SendResult } from '../../app/ports/notifier.js';
import type { SendFailure } from './service-call.js';

/** How many sends one contact may get. */
export interface ContactRateLimitOptions {
  /** Sends allowed per window; also the burst a quiet contact may get at once. */
  limit: number;
  /** The window in milliseconds; one minute when not given. */
  perMs?: number;
  /** The current time in milliseconds (e.g. `() => clock.now().getTime()`); tests pass a manual one. */
  now: () => number;
  /** Buckets kept before full ones are swept away; 10,000 when not given. */
  maxTracked?: number;
}

/** The limiter's answer for one send: go ahead, or wait this long for the next token. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** A per-contact token bucket: each contact refills `limit` tokens per window and spends one per send. */
export interface ContactRateLimit {
  /** Spends a token of `key`'s bucket, or tells how long until one is there. */
  take(key: string): RateDecision;
  /** Returns a token `take` spent on a send that reached nobody (never beyond the bucket's size). */
  giveBack(key: string): void;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Creates a token-bucket limiter keyed by contact. Time comes only from the injected `now`, so tests
 * step it by hand; buckets that have refilled completely are forgotten (they equal a new bucket).
 */
export function createContactRateLimit(options: ContactRateLimitOptions): ContactRateLimit {
  const { limit, now } = options;
  const perMs = options.perMs ?? 60_000;
  const maxTracked = options.maxTracked ?? 10_000;
  if (!Number.isInteger(limit) || limit < 1 || !(perMs > 0)) {
    throw new Error(`createContactRateLimit: need a whole limit >= 1 and a window > 0, got ${limit} per ${perMs} ms`);
  }
  const ratePerMs = limit / perMs;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number) => {
    // A clock stepped backwards must not mint tokens, hence max(0, …).
    bucket.tokens = Math.min(limit, bucket.tokens + Math.max(0, at - bucket.at) * ratePerMs);
    bucket.at = at;
  };

  const sweep = (at: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= limit) buckets.delete(key);
    }
  };

  return {
    take(key) {
      const at = now();
      if (buckets.size >= maxTracked) sweep(at);
      const bucket = buckets.get(key) ?? { tokens: limit, at };
      refill(bucket, at);
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / ratePerMs) };
    },
    giveBack(key) {
      const bucket = buckets.get(key);
      if (!bucket) return;
      refill(bucket, now());
      bucket.tokens = Math.min(limit, bucket.tokens + 1);
    },
  };
}

/** The limiter's key for a contact: the channel and its target (a topic, a user key, a URL). */
export function contactKey(contact: ContactAddress): string {
  return `${contact.channel} ${contact.target}`;
}

/**
 * Wraps a send so that a contact over its limit gets `{ ok: false, retryable: true, error: 'rate limited' }`
 * (with the wait until its next token as `retryAfterMs`) without the service being called.
 */
export function withContactRateLimit(
  send: (contact: ContactAddress, message: PageMessage) => Promise<SendResult>,
  limiter: ContactRateLimit,
): (contact: ContactAddress, message: PageMessage) => Promise<SendResult> {
  return async (contact, message) => {
    const decision = limiter.take(contactKey(contact));
    if (decision.allowed) return send(contact, message);
    const limited: SendFailure = { ok: false, retryable: true, error: 'rate limited', retryAfterMs: decision.retryAfterMs };
    return limited;
  };
}

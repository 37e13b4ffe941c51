import type { RateRule } from '../../core/intake/rate-limit.js';

/**
 * What the intake service answers when a request asks to spend tokens (one per alert): allowed; not
 * now (wait `retryAfterSeconds`, `available` tokens are left); or never (`overBurst`: the batch is
 * larger than a key may send at once, so it must be split).
 */
export type Admission =
  | { allowed: true }
  | { allowed: false; overBurst: false; retryAfterSeconds: number; available: number }
  | { allowed: false; overBurst: true };

/**
 * The sentence a refused request gets, naming the limit and the settings behind it, so the sender's
 * operator can tell a flood (retry later) from a batch too large to ever fit (split it).
 */
export function refusalText(refused: Exclude<Admission, { allowed: true }>, alerts: number, rule: RateRule): string {
  const noun = alerts === 1 ? 'alert' : 'alerts';
  if (refused.overBurst) {
    return `this request has ${alerts} ${noun}; a key may send at most ${rule.burst} at once (KLAXON_INGEST_BURST); split the batch`;
  }
  return (
    `this request has ${alerts} ${noun} and the key may send ${refused.available} more now ` +
    `(KLAXON_INGEST_RATE ${rule.perMinute} alerts per minute, KLAXON_INGEST_BURST ${rule.burst} at once); ` +
    `retry in ${refused.retryAfterSeconds}s`
  );
}

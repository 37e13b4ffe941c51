import type { SendResult } from '../../app/ports/notifier.js';

/** How the retry stage spaces its attempts. */
export interface RetryOptions {
  /** Total tries, the first included; 1 means no retry. */
  attempts: number;
  /** The wait before the second try; each later wait doubles, before jitter. */
  baseDelayMs: number;
  /** The longest wait; a service asking (Retry-After) for longer ends the retries at once. */
  maxDelayMs: number;
  /** Waits; tests pass a fake that resolves at once and records the waits. */
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter; `Math.random` when not given. */
  random?: () => number;
}

/**
 * The wait before retry number `retry` (1 for the wait after the first failure): exponential
 * backoff capped at `maxDelayMs`, with "equal jitter" (half fixed, half random) so that senders
 * failing together do not retry together, yet never retry at once.
 */
export function backoffDelay(retry: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The wait a failed result carries from its service's Retry-After, if any. */
function retryAfterOf(result: SendResult): number | undefined {
  if (result.ok || !('retryAfterMs' in result)) return undefined;
  const wait = result.retryAfterMs;
  return typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? wait : undefined;
}

/**
 * Wraps a send so that a result with `retryable: true` is tried again, up to `attempts` tries in all,
 * after a backoff or after the service's Retry-After when the result carries one (`retryAfterMs`).
 * A Retry-After longer than `maxDelayMs` is not waited for: the failure is returned at once and the
 * page's own repeat schedule takes over, so a throttled service never holds a sender for minutes.
 * Successes and non-retryable failures are returned as they are.
 */
export function withRetry<A extends unknown[]>(
  send: (...args: A) => Promise<SendResult>,
  options: RetryOptions,
): (...args: A) => Promise<SendResult> {
  if (!Number.isInteger(options.attempts) || options.attempts < 1) {
    throw new Error(`withRetry: attempts must be a whole number of at least 1, got ${options.attempts}`);
  }
  if (!(options.baseDelayMs >= 0) || !(options.maxDelayMs >= options.baseDelayMs)) {
    throw new Error(`withRetry: need 0 <= baseDelayMs <= maxDelayMs, got ${options.baseDelayMs} and ${options.maxDelayMs}`);
  }
  const random = options.random ?? Math.random;
  return async (...args: A) => {
    let result = await send(...args);
    for (let attempt = 2; attempt <= options.attempts; attempt += 1) {
      if (result.ok || !result.retryable) return result;
      const asked = retryAfterOf(result);
      if (asked !== undefined && asked > options.maxDelayMs) return result;
      await options.sleep(asked ?? backoffDelay(attempt - 1, options, random));
      result = await send(...args);
    }
    return result;
  };
}

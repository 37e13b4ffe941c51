import type { LoginThrottleRecord } from '../ports/login-throttle-store.js';

/** How failed logins slow down and lock out further tries (the `KLAXON_LOGIN_*` settings). */
export interface LoginThrottlePolicy {
  /** Failures of one key answered at once; from the next one on, each failure makes the key wait. */
  freeAttempts: number;
  /** The wait after the first failure past the free ones; it doubles with every further failure. */
  baseDelayMs: number;
  /** The longest wait. */
  maxDelayMs: number;
  /** Failures of one login name that lock it out until an administrator lifts it; 0 never locks. */
  lockoutAfter: number;
  /** Failures older than this are forgotten (a locked key stays locked). */
  forgetAfterMs: number;
}

/** What to do with a login attempt before its password is checked. */
export type ThrottleVerdict = { kind: 'allow' } | { kind: 'locked' } | { kind: 'wait'; retryAfterMs: number };

/**
 * The wait a key has earned after `failures` failures: none for the free attempts, then the base
 * delay doubling with each further failure, at most `maxDelayMs`.
 */
export function delayAfter(failures: number, policy: LoginThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const doublings = Math.min(failures - policy.freeAttempts, 40);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** doublings);
}

/**
 * Decides an attempt from the records of its keys (login name and address) at `now`: refused while
 * any key is locked, told to wait while any key's last failure is more recent than its earned delay,
 * allowed otherwise. Forgotten failures (older than `forgetAfterMs`) count for nothing.
 */
export function throttleVerdict(records: readonly LoginThrottleRecord[], policy: LoginThrottlePolicy, now: Date): ThrottleVerdict {
  let waitMs = 0;
  for (const record of records) {
    if (record.lockedAt !== null) return { kind: 'locked' };
    const sinceFailure = now.getTime() - record.lastFailureAt.getTime();
    if (sinceFailure >= policy.forgetAfterMs) continue;
    waitMs = Math.max(waitMs, delayAfter(record.failures, policy) - sinceFailure);
  }
  return waitMs > 0 ? { kind: 'wait', retryAfterMs: waitMs } : { kind: 'allow' };
}

/** Tells whether a login name's record has reached the lockout (and is not locked yet). */
export function reachesLockout(record: LoginThrottleRecord, policy: LoginThrottlePolicy): boolean {
  return policy.lockoutAfter > 0 && record.lockedAt === null && record.failures >= policy.lockoutAfter;
}

import { describe, expect, it } from 'vitest';
import type { LoginThrottleRecord } from '../ports/login-throttle-store.js';
import { delayAfter, reachesLockout, throttleVerdict, type LoginThrottlePolicy } from './login-throttle-rules.js';

const policy: LoginThrottlePolicy = { freeAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, lockoutAfter: 10, forgetAfterMs: 3_600_000 };
const t0 = Date.UTC(2030, 0, 1);
const at = (ms: number) => new Date(t0 + ms);
const record = (failures: number, lastMs: number, lockedMs: number | null = null): LoginThrottleRecord => ({
  key: 'user:alice',
  failures,
  lastFailureAt: at(lastMs),
  lockedAt: lockedMs === null ? null : at(lockedMs),
});

describe('login throttle rules', () => {
  it('lets the free attempts through, then doubles the wait up to the cap', () => {
    expect([0, 4, 5, 6, 7, 11, 30].map((n) => delayAfter(n, policy))).toEqual([0, 0, 1000, 2000, 4000, 60_000, 60_000]);
  });

  it('tells an attempt to wait for what is left of the longest earned delay', () => {
    expect(throttleVerdict([record(4, 0)], policy, at(1))).toEqual({ kind: 'allow' });
    expect(throttleVerdict([record(6, 0), record(5, 500)], policy, at(600))).toEqual({ kind: 'wait', retryAfterMs: 1400 });
    expect(throttleVerdict([record(6, 0)], policy, at(2000))).toEqual({ kind: 'allow' });
  });

  it('forgets old failures but never a lockout', () => {
    expect(throttleVerdict([record(9, 0)], policy, at(3_600_000))).toEqual({ kind: 'allow' });
    expect(throttleVerdict([record(1, 0, 0)], policy, at(99_000_000))).toEqual({ kind: 'locked' });
  });

  it('locks a key once it reaches the lockout count, unless lockout is off', () => {
    expect(reachesLockout(record(9, 0), policy)).toBe(false);
    expect(reachesLockout(record(10, 0), policy)).toBe(true);
    expect(reachesLockout(record(11, 0, 5), policy)).toBe(false);
    expect(reachesLockout(record(50, 0), { ...policy, lockoutAfter: 0 })).toBe(false);
  });
});

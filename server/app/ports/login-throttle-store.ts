/** The failed logins counted against one key (`user:<id>`, `login:<name>` or `address:<ip>`). */
export interface LoginThrottleRecord {
  key: string;
  /** Failures since the count was last forgotten or cleared. */
  failures: number;
  lastFailureAt: Date;
  /** When the key was locked out (until an administrator lifts it), or null. */
  lockedAt: Date | null;
}

/**
 * The store calls of login throttling. The counts live in the store (not per process) so that every
 * relay on a shared PostgreSQL sees the same delays and lockouts, and an administrator's lift on one
 * relay holds on all of them.
 */
export interface LoginThrottleSession {
  /** The records of the given keys that exist. */
  getLoginThrottles(keys: readonly string[]): Promise<LoginThrottleRecord[]>;
  /**
   * Counts one failure against `key` in one statement (so concurrent failures all count): the count
   * starts again at 1 when the last failure was before `forgetBefore` and the key is not locked.
   */
  addLoginFailure(key: string, at: Date, forgetBefore: Date): Promise<LoginThrottleRecord>;
  /** Locks `key` out at `at`, unless it is locked already; tells whether it locked it now. */
  lockLogin(key: string, at: Date): Promise<boolean>;
  /** Forgets a key's failures and lockout; tells whether it held a lockout. */
  clearLoginThrottle(key: string): Promise<boolean>;
}

import type { AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { reachesLockout, throttleVerdict, type LoginThrottlePolicy, type ThrottleVerdict } from './login-throttle-rules.js';

/** The keys one login attempt counts against: its login name (a user, or an unknown name) and its address. */
export interface LoginKeys {
  /** `user:<id>` for an existing user, `login:<name>` for an unknown one. */
  name: string;
  /** `address:<ip>`, or undefined when the address is unknown. */
  address: string | undefined;
  /** The audit subject of the name key. */
  subject: { kind: string; id: string };
}

/** The keys of an attempt with `login` (as typed) from `address`, for the user it names (if any). */
export function loginKeys(login: string, userId: string | undefined, address: string | null): LoginKeys {
  const name = login.trim().toLowerCase().slice(0, 200);
  return {
    name: userId === undefined ? `login:${name}` : `user:${userId}`,
    address: address ? `address:${address}` : undefined,
    subject: userId === undefined ? { kind: 'login', id: name } : { kind: 'user', id: userId },
  };
}

/** Delays and lockouts of failed logins, kept in the store so that every relay sees the same ones. */
export interface LoginThrottle {
  /**
   * Decides an attempt before its password is checked (no scrypt for a refused one), and names the
   * attempt's keys that have failures on record.
   */
  check(keys: LoginKeys): Promise<{ verdict: ThrottleVerdict; failedKeys: string[] }>;
  /**
   * Counts a failed password against both keys and audits it, and locks the name out (audited as
   * `auth.lockout`) once it reaches the lockout count; all in one transaction.
   */
  failed(keys: LoginKeys, username: string, address: string | null): Promise<void>;
  /** Forgets the name's failures after a good password (the address keeps its count). */
  succeeded(keys: LoginKeys): Promise<void>;
  /** Lifts a user's lockout (and forgets its failures); audited. Tells whether there was a lockout. */
  unlock(userId: string, by: { actorId: string; address: string | null }): Promise<boolean>;
}

/** Creates the login throttle over the store with `policy`; times come from `clock`. */
export function createLoginThrottle(deps: { store: Store; clock: Clock; policy: LoginThrottlePolicy; audit: AuditTrail }): LoginThrottle {
  const { store, clock, policy, audit } = deps;
  const keysOf = (keys: LoginKeys) => (keys.address ? [keys.name, keys.address] : [keys.name]);
  return {
    async check(keys) {
      const now = clock.now();
      const records = await store.getLoginThrottles(keysOf(keys));
      const recent = records.filter((r) => r.lockedAt !== null || now.getTime() - r.lastFailureAt.getTime() < policy.forgetAfterMs);
      return { verdict: throttleVerdict(records, policy, now), failedKeys: recent.map((r) => r.key) };
    },
    async failed(keys, username, address) {
      const now = clock.now();
      const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs);
      await store.transaction(async (tx) => {
        const name = await tx.addLoginFailure(keys.name, now, forgetBefore);
        if (keys.address) await tx.addLoginFailure(keys.address, now, forgetBefore);
        await audit.record(
          { action: 'auth.login-failed', actorId: null, address, subject: keys.subject, details: { username: username.slice(0, 200), failures: name.failures } },
          tx,
        );
        if (reachesLockout(name, policy) && (await tx.lockLogin(keys.name, now))) {
          await audit.record({ action: 'auth.lockout', actorId: null, address, subject: keys.subject, details: { failures: name.failures } }, tx);
        }
      });
    },
    async succeeded(keys) {
      await store.clearLoginThrottle(keys.name);
    },
    async unlock(userId, by) {
      return store.transaction(async (tx) => {
        const wasLocked = await tx.clearLoginThrottle(`user:${userId}`);
        if (wasLocked) {
          await audit.record({ action: 'auth.lockout-lifted', actorId: by.actorId, address: by.address, subject: { kind: 'user', id: userId } }, tx);
        }
        return wasLocked;
      });
    },
  };
}

import type { FastifyInstance } from 'fastify';
import { sha256Hex } from './adapters/store/chain-digest.js';
import type { Accounts } from './app/accounts/accounts.js';
import { createLoginThrottle } from './app/accounts/login-throttle.js';
import type { LoginThrottlePolicy } from './app/accounts/login-throttle-rules.js';
import { createSignIn, type SignIn } from './app/accounts/sign-in.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import type { Settings } from './settings.js';
import { registerAuditRoutes } from './transport/http/routes/audit-routes.js';

/** The audit trail and login throttling, built before the HTTP server (sign-in needs them). */
export interface AuditFeatures {
  readonly signIn: SignIn;
  /** Registers the audit API and the lockout lift on `app` (before `listen`). */
  register(app: FastifyInstance): void;
}

/** The login throttle policy of the `KLAXON_LOGIN_*` settings. */
export function loginThrottlePolicy(settings: Settings): LoginThrottlePolicy {
  return {
    freeAttempts: settings.loginFreeAttempts,
    baseDelayMs: settings.loginBaseDelaySeconds * 1000,
    maxDelayMs: settings.loginMaxDelaySeconds * 1000,
    lockoutAfter: settings.loginLockoutAfter,
    forgetAfterMs: settings.loginForgetSeconds * 1000,
  };
}

/** Builds the hash-chained audit trail, the store-kept login throttle and audited sign-in. */
export function createAuditFeatures(deps: {
  store: Store;
  clock: Clock;
  settings: Settings;
  accounts: Accounts;
  audit: AuditTrail;
}): AuditFeatures {
  const { store, clock, settings, accounts, audit } = deps;
  const throttle = createLoginThrottle({ store, clock, policy: loginThrottlePolicy(settings), audit });
  const signIn = createSignIn({ accounts, store, throttle, audit });
  return {
    signIn,
    register: (app) => registerAuditRoutes(app, { store, throttle, digest: sha256Hex }),
  };
}

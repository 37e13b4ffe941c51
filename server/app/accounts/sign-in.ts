import type { LoginRequest, LoginResponse, User } from '../../../shared/schemas/user.js';
import type { AuditTrail } from '../ports/audit.js';
import type { StoreSession } from '../ports/store.js';
import type { Accounts } from './accounts.js';
import type { LoginThrottle } from './login-throttle.js';
import { loginKeys } from './login-throttle.js';
import { hashToken } from './tokens.js';

/**
 * How a sign-in ended: signed in, a wrong name or password, a second-factor code needed or wrong,
 * told to wait, or locked out.
 */
export type SignInOutcome =
  | { kind: 'signed-in'; response: LoginResponse }
  | { kind: 'invalid' }
  | { kind: 'code-needed' }
  | { kind: 'code-invalid' }
  | { kind: 'wait'; retryAfterSeconds: number }
  | { kind: 'locked' };

/** Password sign-in and sign-out as the HTTP transport runs them, with the client's address. */
export interface SignIn {
  login(request: LoginRequest, address: string | null): Promise<SignInOutcome>;
  /** Revokes the presented login token of `user`. */
  logout(token: string, user: User, address: string | null): Promise<void>;
}

/** The audit subject of a login token: the first 16 hex digits of its SHA-256 (never the token). */
function tokenSubject(token: string): { kind: string; id: string } {
  return { kind: 'login-token', id: hashToken(token).slice(0, 16) };
}

/**
 * Creates sign-in with throttling and auditing: the attempt's keys are checked before the password
 * (a refused attempt costs no scrypt); while the password of a key with failures on record is being
 * checked, further attempts on that key in this process are told to wait, so a parallel flood cannot
 * slip past the count. Logins, failed logins, token creation, sign-out and token revocation are audited.
 */
export function createSignIn(deps: {
  accounts: Accounts;
  store: Pick<StoreSession, 'findUserByLogin'>;
  throttle: LoginThrottle;
  audit: AuditTrail;
}): SignIn {
  const { accounts, store, throttle, audit } = deps;
  // Keys with failures on record whose password check is running in this process.
  const checking = new Set<string>();

  return {
    async login(request, address) {
      const user = await store.findUserByLogin(request.username.trim());
      const keys = loginKeys(request.username, user?.id, address);
      const { verdict, failedKeys } = await throttle.check(keys);
      if (verdict.kind === 'locked') return { kind: 'locked' };
      if (verdict.kind === 'wait') return { kind: 'wait', retryAfterSeconds: Math.ceil(verdict.retryAfterMs / 1000) };
      if (failedKeys.some((key) => checking.has(key))) return { kind: 'wait', retryAfterSeconds: 1 };
      const held = failedKeys;
      held.forEach((key) => checking.add(key));
      try {
        const outcome = await accounts.attempt(request);
        // The password was right: asking for the code is no failure; a wrong code is one (it throttles guessing).
        if (outcome.kind === 'code-needed') return outcome;
        if (outcome.kind !== 'signed-in') {
          await throttle.failed(keys, request.username, address);
          return outcome;
        }
        const response = outcome.response;
        await throttle.succeeded(keys);
        const subject = { kind: 'user', id: response.user.id };
        await audit.record({ action: 'auth.login', actorId: response.user.id, address, subject });
        await audit.record({
          action: 'token.created',
          actorId: response.user.id,
          address,
          subject: tokenSubject(response.token),
          details: { kind: 'login', userId: response.user.id, expiresAt: response.expiresAt },
        });
        return { kind: 'signed-in', response };
      } finally {
        held.forEach((key) => checking.delete(key));
      }
    },
    async logout(token, user, address) {
      await accounts.logout(token);
      await audit.record({ action: 'token.revoked', actorId: user.id, address, subject: tokenSubject(token), details: { kind: 'login', userId: user.id } });
      await audit.record({ action: 'auth.logout', actorId: user.id, address, subject: { kind: 'user', id: user.id } });
    },
  };
}

/** Sign-in straight over the accounts, without throttling or auditing (for transport tests). */
export function plainSignIn(accounts: Accounts): SignIn {
  return {
    login: (request) => accounts.attempt(request),
    logout: (token) => accounts.logout(token),
  };
}

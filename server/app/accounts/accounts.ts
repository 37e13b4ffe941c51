import type { LoginRequest, LoginResponse, User } from '../../../shared/schemas/user.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';
import { createLogin, type LoginOutcome } from './login.js';
import { createSessionEnds, type Session, type SessionEnds } from './session.js';
import { createTokenService } from './tokens.js';
import type { SecondFactorCheck } from './two-factor.js';

/** What the transports need from accounts: sign in, sign out, and who a bearer token belongs to. */
export interface Accounts {
  /**
   * Signs in; undefined for a wrong password and for an unknown user alike, and when the account's
   * second factor is missing or wrong (`attempt` tells those apart).
   */
  login(request: LoginRequest): Promise<LoginResponse | undefined>;
  /** Signs in, telling a missing or wrong second-factor code apart from a wrong password. */
  attempt(request: LoginRequest): Promise<LoginOutcome>;
  /** Revokes the token (sign out) and cuts the sockets opened with it. */
  logout(token: string): Promise<void>;
  /** Returns the user of a valid (known, unexpired, unrevoked) token, or undefined. */
  authenticate(token: string): Promise<User | undefined>;
  /** Returns the session of a valid token: its user, kind, hash and expiry; undefined otherwise. */
  session(token: string): Promise<Session | undefined>;
  /** Where the end of a session is announced, so that open sockets are cut at once. */
  readonly ends: SessionEnds;
}

/** Creates the accounts use-cases over the store, with tokens living `tokenTtlSeconds`. */
export function createAccounts(deps: {
  store: StoreSession;
  clock: Clock;
  tokenTtlSeconds: number;
  ends?: SessionEnds;
  /** The second factor checked after the password, for accounts that have one. */
  secondFactor?: SecondFactorCheck;
}): Accounts {
  const tokens = createTokenService({ store: deps.store, clock: deps.clock, ttlSeconds: deps.tokenTtlSeconds });
  const attempt = createLogin({ store: deps.store, tokens, secondFactor: deps.secondFactor });
  const ends = deps.ends ?? createSessionEnds();
  return {
    async login(request) {
      const outcome = await attempt(request);
      return outcome.kind === 'signed-in' ? outcome.response : undefined;
    },
    attempt,
    async logout(token) {
      const session = await tokens.session(token);
      await tokens.revoke(token);
      if (!session) return;
      ends.publish({ kind: 'token', tokenHash: session.tokenHash });
    },
    authenticate: tokens.authenticate,
    session: tokens.session,
    ends,
  };
}


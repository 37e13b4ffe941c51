import type { LoginRequest, LoginResponse, User } from '../../../shared/schemas/user.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';
import { createLogin } from './login.js';
import { createTokenService } from './tokens.js';

/** What the transports need from accounts: sign in, sign out, and who a bearer token belongs to. */
export interface Accounts {
  /** Signs in; undefined for a wrong password and for an unknown user alike. */
  login(request: LoginRequest): Promise<LoginResponse | undefined>;
  /** Revokes the token (sign out). */
  logout(token: string): Promise<void>;
  /** Returns the user of a valid (known, unexpired, unrevoked) token, or undefined. */
  authenticate(token: string): Promise<User | undefined>;
}

/** Creates the accounts use-cases over the store, with tokens living `tokenTtlSeconds`. */
export function createAccounts(deps: { store: StoreSession; clock: Clock; tokenTtlSeconds: number }): Accounts {
  const tokens = createTokenService({ store: deps.store, clock: deps.clock, ttlSeconds: deps.tokenTtlSeconds });
  const login = createLogin({ store: deps.store, tokens });
  return { login, logout: tokens.revoke, authenticate: tokens.authenticate };
}

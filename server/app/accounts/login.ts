import type { LoginRequest, LoginResponse } from '../../../shared/schemas/user.js';
import type { StoreSession } from '../ports/store.js';
import { verifyDummyPassword, verifyPassword } from './password.js';
import { toPublicUser } from './public-user.js';
import type { TokenService } from './tokens.js';

/** Signs a person in; undefined means "invalid username or password", whichever of the two was wrong. */
export type Login = (request: LoginRequest) => Promise<LoginResponse | undefined>;

/**
 * Creates the login use-case: finds the user by id or e-mail, checks the password, issues a token.
 * Unknown users and users without a password still pay for one scrypt check, so that the answer's
 * timing does not tell whether an account exists.
 */
export function createLogin(deps: { store: Pick<StoreSession, 'findUserByLogin' | 'findUserDeactivation'>; tokens: TokenService }): Login {
  return async ({ username, password }) => {
    const user = await deps.store.findUserByLogin(username.trim());
    if (!user || user.passwordHash === null) {
      await verifyDummyPassword(password);
      return undefined;
    }
    if (!(await verifyPassword(password, user.passwordHash))) return undefined;
    // A deactivated person gets the same answer as a wrong password: nothing tells them apart.
    if (await deps.store.findUserDeactivation(user.id)) return undefined;
    const { token, expiresAt } = await deps.tokens.issue(user.id);
    return { token, expiresAt: expiresAt.toISOString(), user: toPublicUser(user) };
  };
}

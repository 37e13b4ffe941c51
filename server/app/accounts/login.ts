import type { LoginRequest, LoginResponse } from '../../../shared/schemas/user.js';
import type { StoreSession } from '../ports/store.js';
import { verifyDummyPassword, verifyPassword } from './password.js';
import { toPublicUser } from './public-user.js';
import type { TokenService } from './tokens.js';
import type { SecondFactorCheck } from './two-factor.js';

/**
 * How a login ended: signed in; a wrong name or password (which of the two is never told); the
 * password was right but the account has a second factor and no code came (`code-needed`) or a wrong
 * or used one (`code-invalid`).
 */
export type LoginOutcome =
  | { kind: 'signed-in'; response: LoginResponse }
  | { kind: 'invalid' }
  | { kind: 'code-needed' }
  | { kind: 'code-invalid' };

/** Signs a person in. */
export type Login = (request: LoginRequest) => Promise<LoginOutcome>;

/**
 * Creates the login use-case: finds the user by id or e-mail, checks the password, then the second
 * factor when the account has one, and issues a token. Unknown users and users without a password
 * still pay for one scrypt check, so that the answer's timing does not tell whether an account exists.
 */
export function createLogin(deps: {
  store: Pick<StoreSession, 'findUserByLogin' | 'findUserDeactivation'>;
  tokens: TokenService;
  secondFactor?: SecondFactorCheck;
}): Login {
  return async ({ username, password, totp }) => {
    const user = await deps.store.findUserByLogin(username.trim());
    if (!user || user.passwordHash === null) {
      await verifyDummyPassword(password);
      return { kind: 'invalid' };
    }
    if (!(await verifyPassword(password, user.passwordHash))) return { kind: 'invalid' };
    // A deactivated person gets the same answer as a wrong password: nothing tells them apart.
    if (await deps.store.findUserDeactivation(user.id)) return { kind: 'invalid' };
    if (deps.secondFactor && (await deps.secondFactor.enrolled(user.id))) {
      if (totp === undefined) return { kind: 'code-needed' };
      if (!(await deps.secondFactor.verify(user.id, totp))) return { kind: 'code-invalid' };
    }
    const { token, expiresAt } = await deps.tokens.issue(user.id);
    return { kind: 'signed-in', response: { token, expiresAt: expiresAt.toISOString(), user: toPublicUser(user) } };
  };
}

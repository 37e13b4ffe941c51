import type { FastifyInstance } from 'fastify';
import { LoginRequestSchema } from '../../../../shared/schemas/user.js';
import type { Accounts } from '../../../app/accounts/accounts.js';
import { plainSignIn, type SignIn } from '../../../app/accounts/sign-in.js';
import { bearerToken, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/**
 * Registers `POST /api/v1/auth/login` (public), `POST /api/v1/auth/logout` (revokes the presented
 * token) and `GET /api/v1/me`. A wrong password and an unknown user get the very same 401; a name or
 * address that failed too often gets 429 with Retry-After (before any password check), a locked-out
 * name 423. `signIn` throttles and audits; without it, sign-in runs straight over `accounts`.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: { accounts: Accounts; signIn?: SignIn }): void {
  const signIn = deps.signIn ?? plainSignIn(deps.accounts);
  app.post('/api/v1/auth/login', { config: { public: true } }, async (request) => {
    const credentials = parseInput(LoginRequestSchema, request.body);
    const outcome = await signIn.login(credentials, request.ip ?? null);
    if (outcome.kind === 'wait') {
      throw new HttpError(429, `too many failed logins: try again in ${outcome.retryAfterSeconds} s`, undefined, {
        'retry-after': String(outcome.retryAfterSeconds),
      });
    }
    if (outcome.kind === 'locked') throw new HttpError(423, 'this login is locked after too many failed attempts: ask an administrator to lift it');
    if (outcome.kind === 'invalid') throw new HttpError(401, 'invalid username or password');
    if (outcome.kind === 'code-needed') throw new HttpError(401, 'enter the 6-digit code from your authenticator app', 'totp');
    if (outcome.kind === 'code-invalid') throw new HttpError(401, 'that code is not right, or was used already', 'totp');
    const response = outcome.response;
    request.log.info({ userId: response.user.id }, 'signed in');
    return response;
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    const user = signedInUser(request);
    await signIn.logout(bearerToken(request)!, user, request.ip ?? null);
    request.log.info({ userId: user.id }, 'signed out');
    return reply.code(204).send();
  });

  app.get('/api/v1/me', async (request) => signedInUser(request));
}

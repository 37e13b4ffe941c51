import type { FastifyInstance } from 'fastify';
import { LoginRequestSchema } from '../../../../shared/schemas/user.js';
import type { Accounts } from '../../../app/accounts/accounts.js';
import { bearerToken, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/**
 * Registers `POST /api/v1/auth/login` (public), `POST /api/v1/auth/logout` (revokes the presented
 * token) and `GET /api/v1/me`. A wrong password and an unknown user get the very same 401.
 */
export function registerAuthRoutes(app: FastifyInstance, deps: { accounts: Accounts }): void {
  app.post('/api/v1/auth/login', { config: { public: true } }, async (request) => {
    const credentials = parseInput(LoginRequestSchema, request.body);
    const response = await deps.accounts.login(credentials);
    if (!response) throw new HttpError(401, 'invalid username or password');
    request.log.info({ userId: response.user.id }, 'signed in');
    return response;
  });

  app.post('/api/v1/auth/logout', async (request, reply) => {
    const user = signedInUser(request);
    await deps.accounts.logout(bearerToken(request)!);
    request.log.info({ userId: user.id }, 'signed out');
    return reply.code(204).send();
  });

  app.get('/api/v1/me', async (request) => signedInUser(request));
}

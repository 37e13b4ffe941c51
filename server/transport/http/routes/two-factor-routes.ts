import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TwoFactorBeginSchema, TwoFactorConfirmSchema, TwoFactorDisableSchema } from '../../../../shared/schemas/two-factor.js';
import { TwoFactorRefusal, type TwoFactor } from '../../../app/accounts/two-factor.js';
import type { StoreSession, UserRecord } from '../../../app/ports/store.js';
import { requireRole, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/** Runs a second-factor command, answering a refusal as its status with the field it is about. */
async function run<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    if (error instanceof TwoFactorRefusal) throw new HttpError(error.status, error.message, error.field);
    throw error;
  }
}

/**
 * Registers the TOTP second factor of the signed-in person (`/api/v1/me/two-factor`: status, enrol,
 * confirm, turn off) and an administrator's reset (`DELETE /api/v1/users/:id/two-factor`). These are
 * for console sign-ins only: API tokens and phones' device tokens never reach them (neither
 * token-scope.ts nor device-scope.ts lists them). Enrolling and turning off take the password again.
 */
export function registerTwoFactorRoutes(app: FastifyInstance, deps: { twoFactor: TwoFactor; store: Pick<StoreSession, 'getUser'> }): void {
  const { twoFactor } = deps;
  const me = async (request: FastifyRequest): Promise<UserRecord> => {
    const user = await deps.store.getUser(signedInUser(request).id);
    if (!user) throw new HttpError(401, 'sign in again');
    return user;
  };

  app.get('/api/v1/me/two-factor', async (request) => twoFactor.status(signedInUser(request).id));

  app.post('/api/v1/me/two-factor', async (request) => {
    const { password } = parseInput(TwoFactorBeginSchema, request.body);
    const user = await me(request);
    return run(() => twoFactor.begin(user, password, request.ip ?? null));
  });

  app.post('/api/v1/me/two-factor/confirm', async (request) => {
    const { code } = parseInput(TwoFactorConfirmSchema, request.body);
    const user = await me(request);
    return { recoveryCodes: await run(() => twoFactor.confirm(user, code, request.ip ?? null)) };
  });

  app.post('/api/v1/me/two-factor/disable', async (request, reply) => {
    const { password, code } = parseInput(TwoFactorDisableSchema, request.body);
    const user = await me(request);
    await run(() => twoFactor.disable(user, password, code, request.ip ?? null));
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/api/v1/users/:id/two-factor', { preHandler: requireRole('admin') }, async (request, reply) => {
    await run(() => twoFactor.reset(signedInUser(request).id, request.params.id, request.ip ?? null));
    return reply.code(204).send();
  });
}

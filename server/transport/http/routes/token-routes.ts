import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiTokenCreateSchema } from '../../../../shared/schemas/api-token.js';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import type { ApiTokenService, TokenActor } from '../../../app/tokens/api-token-service.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

/** The token id in a path: `tok-` and hex digits. */
export const TokenIdParamsSchema = z.object({ id: z.string().regex(/^tok-[0-9a-f]{1,32}$/, 'use a token id such as tok-0123456789abcdef') });

/** A create body is a name, a few scopes and an expiry: 4 KiB is plenty. */
const TOKEN_BODY_LIMIT = 4 * 1024;

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * The API tokens API (issue 18): `GET /api/v1/tokens` (your tokens; every token for admins),
 * `POST /api/v1/tokens` (201 with the secret, shown once) and `POST /api/v1/tokens/:id/revoke`.
 * Any signed-in session may call them, API tokens included; what a token may create is limited by
 * its own scopes and expiry (see `api-token-service.ts`).
 */
export function registerTokenRoutes(app: FastifyInstance, deps: { tokens: ApiTokenService }): void {
  const actor = (request: FastifyRequest): TokenActor => {
    const user = signedInUser(request);
    if (!request.session) throw new HttpError(401, 'sign in first');
    return { user, session: request.session, address: request.ip };
  };

  app.get('/api/v1/tokens', async (request) => ({ tokens: await deps.tokens.list(actor(request)) }));

  app.post('/api/v1/tokens', { bodyLimit: TOKEN_BODY_LIMIT }, async (request, reply) => {
    const who = actor(request);
    const created = settle(await deps.tokens.create(who, parseInput(ApiTokenCreateSchema, request.body)));
    return reply.code(201).header('cache-control', 'no-store').send(created);
  });

  app.post('/api/v1/tokens/:id/revoke', async (request) => {
    const who = actor(request);
    const { id } = parseInput(TokenIdParamsSchema, request.params, 'id');
    return { token: settle(await deps.tokens.revoke(who, id)) };
  });
}

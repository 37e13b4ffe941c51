import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { SavedSearchInputSchema } from '../../../../shared/schemas/history.js';
import type { SavedSearchActor, SavedSearches } from '../../../app/history/saved-searches.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * Saved history searches (issue 15): `GET /api/v1/saved-searches` (one's own and the shared ones),
 * `POST` (name, the search's query string, shared or not: a query that is no valid history search
 * is a 400 naming `query.<parameter>`), `DELETE /:id` (the owner; admins and IR managers for shared
 * ones). Every signed-in person may keep searches: they are personal, like the searches themselves.
 */
export function registerSavedSearchRoutes(app: FastifyInstance, deps: { savedSearches: SavedSearches }): void {
  const actor = (request: FastifyRequest): SavedSearchActor => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };

  app.get('/api/v1/saved-searches', async (request) => ({ searches: await deps.savedSearches.list(actor(request)) }));

  app.post('/api/v1/saved-searches', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const who = actor(request);
    const search = settle(await deps.savedSearches.create(who, parseInput(SavedSearchInputSchema, request.body)));
    return reply.code(201).send({ search });
  });

  app.delete('/api/v1/saved-searches/:id', async (request, reply) => {
    const who = actor(request);
    settle(await deps.savedSearches.remove(who, parseInput(IdParamsSchema, request.params, 'id').id));
    return reply.code(204).send();
  });
}

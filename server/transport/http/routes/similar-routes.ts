import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimilarFinder } from '../../../app/similar/similar-finder.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/**
 * `GET /api/v1/incidents/:id/similar`: the past incidents most like one (issue 15), with how each
 * ended. Someone who may not know the incident gets a 404, as for its timeline; confidential past
 * incidents they may not know are neither listed nor counted.
 */
export function registerSimilarRoutes(app: FastifyInstance, deps: { finder: SimilarFinder }): void {
  app.get('/api/v1/incidents/:id/similar', async (request) => {
    const user = signedInUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const result = await deps.finder.forViewer({ userId: user.id, role: user.role }, id);
    if (!result.ok) throw new HttpError(404, result.error.message, result.error.field);
    return result.value;
  });
}

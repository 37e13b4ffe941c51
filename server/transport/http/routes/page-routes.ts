import type { FastifyInstance } from 'fastify';
import { AdHocPageInputSchema } from '../../../../shared/schemas/ad-hoc-page.js';
import type { AdHocPages } from '../../../app/pages/ad-hoc-page.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

/** The largest ad-hoc page body (a summary of 500 characters and a few ids fit many times over). */
const BODY_LIMIT = 8 * 1024;

/**
 * `POST /api/v1/pages` (`klaxon page`): pages one person now about something no alert reported,
 * opening an incident for it. 201 `{ incident, pageKey }`; 400 naming the field (unknown person or
 * service, a summary too short); 403 for a role that may not page people.
 */
export function registerPageRoutes(app: FastifyInstance, deps: { pages: AdHocPages }): void {
  app.post('/api/v1/pages', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const user = signedInUser(request);
    const input = parseInput(AdHocPageInputSchema, request.body);
    const result = await deps.pages.page({ userId: user.id, role: user.role, address: request.ip }, input);
    if (!result.ok) throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
    return reply.code(201).send(result.value);
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../../app/ports/clock.js';
import type { Store } from '../../../app/ports/store.js';
import { buildPhoneIncidentView } from '../../../app/phone-view/phone-incident-view.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/**
 * The phone's incident view: `GET /api/v1/phone/incidents/:id`, for device tokens and login tokens
 * alike, with the console's need-to-know (a confidential incident the person may not know answers
 * only "Confidential incident on <service>"). Notes are added through the incidents API
 * (`POST /api/v1/incidents/:id/notes`), as the person the token belongs to.
 */
export function registerPhoneIncidentRoutes(app: FastifyInstance, deps: { store: Store; clock: Clock }): void {
  app.get('/api/v1/phone/incidents/:id', async (request) => {
    const user = signedInUser(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const view = await buildPhoneIncidentView(deps.store, user, id, deps.clock.now());
    if (!view) throw new HttpError(404, 'no such incident', 'id');
    return { view };
  });
}

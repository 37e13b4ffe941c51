import type { FastifyInstance } from 'fastify';
import type { UnreachablePerson } from '../../../app/escalation/unreachable-people.js';
import { signedInUser } from '../auth.js';

/**
 * `GET /api/v1/paging/unreachable`: the people escalations may page who cannot be reached on any of
 * their channels, with the reason per channel, for the console to show. Any signed-in person may
 * read it (names and missing set-up only, no contact details).
 */
export function registerPagingHealthRoutes(app: FastifyInstance, deps: { unreachable: () => Promise<UnreachablePerson[]> }): void {
  app.get('/api/v1/paging/unreachable', async (request) => {
    signedInUser(request);
    return { people: await deps.unreachable() };
  });
}

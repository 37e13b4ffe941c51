import type { AuditTrail } from '../../../app/ports/audit.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { rotateIntegrationKey } from '../../../app/intake/rotate-integration-key.js';
import type { Store } from '../../../app/ports/store.js';
import { requireRole, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IntegrationParamsSchema = z.object({ id: z.string().min(1).max(200) });

/**
 * Services and their integrations: `GET /api/v1/services` (integrations without keys or secrets) and
 * `POST /api/v1/integrations/:id/rotate-key` (managers), which answers the new key once.
 */
export function registerServiceRoutes(app: FastifyInstance, deps: { store: Store; audit?: AuditTrail }): void {
  app.get('/api/v1/services', async () => {
    const [services, integrations] = await Promise.all([deps.store.listServices(), deps.store.listIntegrations()]);
    return {
      services: services.map((service) => ({
        ...service,
        integrations: integrations
          .filter((i) => i.serviceId === service.id)
          .map((i) => ({ id: i.id, type: i.type, mapping: i.settings.mapping ?? null, signed: !!i.settings.hmacSecret })),
      })),
    };
  });

  app.post('/api/v1/integrations/:id/rotate-key', { preHandler: requireRole('ir-manager') }, async (request) => {
    const { id } = parseInput(IntegrationParamsSchema, request.params, 'id');
    const key = await rotateIntegrationKey(deps.store, id, deps.audit, { actorId: signedInUser(request).id, address: request.ip ?? null });
    if (!key) throw new HttpError(404, 'no such integration');
    request.log.info({ integrationId: id }, 'integration key rotated');
    return { id, key };
  });
}

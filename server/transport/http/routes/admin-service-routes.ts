import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IntegrationCreateSchema, PriorityRulesInputSchema, ServiceInputSchema, ServiceUpdateSchema, TestAlertSchema } from '../../../../shared/schemas/admin.js';
import type { AdminPriorityRules } from '../../../app/admin/admin-priority-rules.js';
import type { AdminServices } from '../../../app/admin/admin-services.js';
import { parseInput } from '../http-error.js';
import { requireAdminUser, settleAdmin } from './admin-settle.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(200) });

/**
 * The admin screens' service routes (admins only, 403 otherwise): list services with integration
 * endpoints, create and change a service, add an integration (its key answered once) or remove one,
 * send a test alert, and save or preview a service's priority rules against its recent incidents.
 * Key rotation stays on `POST /api/v1/integrations/:id/rotate-key` (service-routes.ts).
 */
export function registerAdminServiceRoutes(app: FastifyInstance, deps: { services: AdminServices; rules: AdminPriorityRules }): void {
  const serviceId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/admin/services', async (request) => {
    requireAdminUser(request);
    return { services: await deps.services.list() };
  });

  app.post('/api/v1/services', async (request, reply) => {
    const admin = requireAdminUser(request);
    const input = parseInput(ServiceInputSchema, request.body);
    return reply.code(201).send(settleAdmin(await deps.services.save(admin, input, 'create')));
  });

  app.put('/api/v1/services/:id', async (request) => {
    const admin = requireAdminUser(request);
    const id = serviceId(request.params);
    const input = parseInput(ServiceUpdateSchema, request.body);
    return settleAdmin(await deps.services.save(admin, { ...input, id }, 'update'));
  });

  app.post('/api/v1/services/:id/integrations', async (request, reply) => {
    const admin = requireAdminUser(request);
    const id = serviceId(request.params);
    const input = parseInput(IntegrationCreateSchema, request.body);
    const created = settleAdmin(await deps.services.addIntegration(admin, id, input));
    request.log.info({ integrationId: created.id, by: admin.id }, 'integration created');
    return reply.code(201).send(created);
  });

  app.delete('/api/v1/integrations/:id', async (request, reply) => {
    const admin = requireAdminUser(request);
    settleAdmin(await deps.services.removeIntegration(admin, serviceId(request.params)));
    return reply.code(204).send();
  });

  app.post('/api/v1/services/:id/test-alert', async (request, reply) => {
    const admin = requireAdminUser(request);
    const id = serviceId(request.params);
    const input = parseInput(TestAlertSchema, request.body ?? {});
    return reply.code(202).send(settleAdmin(await deps.services.testAlert(admin, id, input)));
  });

  app.put('/api/v1/services/:id/priority-rules', async (request) => {
    const admin = requireAdminUser(request);
    const id = serviceId(request.params);
    const { rules } = parseInput(PriorityRulesInputSchema, request.body);
    return settleAdmin(await deps.rules.save(admin, id, rules));
  });

  app.post('/api/v1/services/:id/priority-rules/preview', async (request) => {
    requireAdminUser(request);
    const id = serviceId(request.params);
    const { rules } = parseInput(PriorityRulesInputSchema, request.body);
    return settleAdmin(await deps.rules.preview(id, rules));
  });
}

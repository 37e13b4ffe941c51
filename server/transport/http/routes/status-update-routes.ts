import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PostStatusUpdateSchema, StatusStageSchema, StatusSubscriberInputSchema, StatusTemplateEditSchema } from '../../../../shared/schemas/status-update.js';
import type { StatusUpdates } from '../../../app/status-updates/status-updates.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const StageParamsSchema = z.object({ stage: StatusStageSchema });
const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 };

/**
 * Stakeholder status updates over the API: subscribers per service or client and the stage
 * templates (managers), and an incident's updates (`GET` for anyone who may know the incident,
 * `POST` for managers: 201 once the update and its delivery row are committed). Refusals answer 400
 * naming the field, 403, 404 (unknown, or not known to the caller) or 409 (confidential without
 * `sendConfidential`, or nobody to send to).
 */
export function registerStatusUpdateRoutes(app: FastifyInstance, deps: { status: StatusUpdates }): void {
  const requester = (request: Parameters<typeof signedInUser>[0]) => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const settle = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }): T => {
    if (result.ok) return result.value;
    throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
  };

  app.get('/api/v1/status/subscribers', async (request) => ({ subscribers: settle(await deps.status.subscribers(requester(request))) }));

  app.post('/api/v1/status/subscribers', async (request, reply) => {
    const who = requester(request);
    const body = parseInput(StatusSubscriberInputSchema, request.body ?? {});
    const subscriber = settle(await deps.status.addSubscriber(who, body));
    return reply.code(201).send({ subscriber });
  });

  app.delete('/api/v1/status/subscribers/:id', async (request) => {
    const who = requester(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    return settle(await deps.status.removeSubscriber(who, id));
  });

  app.get('/api/v1/status/templates', async (request) => ({ templates: settle(await deps.status.templates(requester(request))) }));

  app.put('/api/v1/status/templates/:stage', async (request) => {
    const who = requester(request);
    const { stage } = parseInput(StageParamsSchema, request.params, 'stage');
    const body = parseInput(StatusTemplateEditSchema, request.body ?? {});
    return { template: settle(await deps.status.saveTemplate(who, stage, body)) };
  });

  app.get('/api/v1/incidents/:id/status-updates', async (request) => {
    const who = requester(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    return settle(await deps.status.list(who, id));
  });

  app.post('/api/v1/incidents/:id/status-updates', async (request, reply) => {
    const who = requester(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const body = parseInput(PostStatusUpdateSchema, request.body ?? {});
    const update = settle(await deps.status.post(who, id, body));
    return reply.code(201).send({ update });
  });
}

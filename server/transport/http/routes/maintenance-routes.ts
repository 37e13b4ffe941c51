import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { MaintenancePreviewInputSchema, MaintenanceWindowInputSchema } from '../../../../shared/schemas/maintenance.js';
import { mayManageMaintenance, type MaintenanceActor, type MaintenanceService } from '../../../app/maintenance/maintenance-service.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** The largest window body the API takes (500 services and clients with label patterns fit). */
const BODY_LIMIT = 64 * 1024;

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * The maintenance-windows API (issue 18): `GET /api/v1/maintenance-windows` (running, upcoming and
 * past, each with its current and next occurrence), `GET /:id` and `POST /preview` for everyone
 * signed in; `POST`, `PUT /:id`, `DELETE /:id` and `POST /:id/end` (end the running occurrence now)
 * for admins and IR managers (403 otherwise, before the body is read). A wrong field, an unknown
 * service or client, or a refused RRULE answers 400 naming its path.
 */
export function registerMaintenanceRoutes(app: FastifyInstance, deps: { maintenance: MaintenanceService }): void {
  const writer = (request: FastifyRequest): MaintenanceActor => {
    const user = signedInUser(request);
    if (!mayManageMaintenance(user.role)) throw new HttpError(403, `changing maintenance windows needs the role ir-manager or admin; you are ${user.role}`);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const windowId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/maintenance-windows', async (request) => {
    signedInUser(request);
    return { windows: await deps.maintenance.list() };
  });

  app.get('/api/v1/maintenance-windows/:id', async (request) => {
    signedInUser(request);
    const window = await deps.maintenance.get(windowId(request.params));
    if (!window) throw new HttpError(404, 'no such maintenance window', 'id');
    return { window };
  });

  app.post('/api/v1/maintenance-windows/preview', { bodyLimit: BODY_LIMIT }, async (request) => {
    signedInUser(request);
    return { occurrences: settle(deps.maintenance.preview(parseInput(MaintenancePreviewInputSchema, request.body))) };
  });

  app.post('/api/v1/maintenance-windows', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const who = writer(request);
    const window = settle(await deps.maintenance.create(who, parseInput(MaintenanceWindowInputSchema, request.body)));
    return reply.code(201).send({ window });
  });

  app.put('/api/v1/maintenance-windows/:id', { bodyLimit: BODY_LIMIT }, async (request) => {
    const who = writer(request);
    const id = windowId(request.params);
    return { window: settle(await deps.maintenance.update(who, id, parseInput(MaintenanceWindowInputSchema, request.body))) };
  });

  app.post('/api/v1/maintenance-windows/:id/end', async (request) => {
    const who = writer(request);
    return { window: settle(await deps.maintenance.endNow(who, windowId(request.params))) };
  });

  app.delete('/api/v1/maintenance-windows/:id', async (request, reply) => {
    settle(await deps.maintenance.remove(writer(request), windowId(request.params)));
    return reply.code(204).send();
  });
}

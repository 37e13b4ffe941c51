import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ClientSchema } from '../../../../shared/schemas/client.js';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import { mayManageClients, type ClientActor, type ClientService } from '../../../app/clients/client-service.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** The largest client document the API takes (a business map of 200 processes fits easily). */
const CLIENT_BODY_LIMIT = 512 * 1024;

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * The clients API (issue 13): `GET /api/v1/clients` and `GET /api/v1/clients/:id` for everyone
 * signed in; `POST`, `PUT /:id` and `DELETE /:id` for admins and IR managers (403 otherwise). Bodies
 * are whole clients, checked with `ClientSchema`; a wrong field or an unknown service answers 400
 * naming its path, a service that belongs to another client 409.
 */
export function registerClientRoutes(app: FastifyInstance, deps: { clients: ClientService }): void {
  const actor = (request: FastifyRequest): ClientActor => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  // A writer's role is checked before the body, so that a role that may not write learns nothing more.
  const writer = (request: FastifyRequest): ClientActor => {
    const who = actor(request);
    if (!mayManageClients(who.role)) throw new HttpError(403, `changing clients needs the role ir-manager or admin; you are ${who.role}`);
    return who;
  };
  const clientId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/clients', async (request) => {
    signedInUser(request);
    return { clients: await deps.clients.list() };
  });

  app.get('/api/v1/clients/:id', async (request) => {
    signedInUser(request);
    const client = await deps.clients.get(clientId(request.params));
    if (!client) throw new HttpError(404, 'no such client', 'id');
    return { client };
  });

  app.post('/api/v1/clients', { bodyLimit: CLIENT_BODY_LIMIT }, async (request, reply) => {
    const who = writer(request);
    const client = settle(await deps.clients.create(who, parseInput(ClientSchema, request.body)));
    return reply.code(201).send({ client });
  });

  app.put('/api/v1/clients/:id', { bodyLimit: CLIENT_BODY_LIMIT }, async (request) => {
    const who = writer(request);
    const id = clientId(request.params);
    return { client: settle(await deps.clients.update(who, id, parseInput(ClientSchema, request.body))) };
  });

  app.delete('/api/v1/clients/:id', async (request, reply) => {
    settle(await deps.clients.remove(writer(request), clientId(request.params)));
    return reply.code(204).send();
  });
}

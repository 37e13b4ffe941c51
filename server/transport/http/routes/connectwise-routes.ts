import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConnectWiseConnectionInputSchema } from '../../../../shared/schemas/connectwise.js';
import type { ConnectionOutcome, ConnectWiseConnections } from '../../../app/connectwise/connections.js';
import type { ConnectWiseStatus } from '../../../app/connectwise/sync-status.js';
import { knows } from '../../../app/incidents/incident-access.js';
import type { Store } from '../../../app/ports/store.js';
import { can } from '../../../core/access/permissions.js';
import { requireRole, signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

function settle<T>(outcome: ConnectionOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new HttpError(outcome.status, outcome.message, outcome.field);
}

/**
 * The ConnectWise API: `GET/POST /api/v1/connectwise/connections`, `GET/PUT/DELETE
 * /api/v1/connectwise/connections/:id` (admins and IR managers; keys are written only, answered as
 * `{ set, from }`), `GET /api/v1/incidents/:id/connectwise` (the sync state, for anyone who may
 * know the incident) and `POST /api/v1/incidents/:id/connectwise/retry` (for those who work
 * incidents).
 */
export function registerConnectWiseRoutes(
  app: FastifyInstance,
  deps: { store: Store; connections: ConnectWiseConnections; status: ConnectWiseStatus },
): void {
  const managers = { preHandler: requireRole('ir-manager') };
  const actor = (request: FastifyRequest) => ({ userId: signedInUser(request).id, address: request.ip ?? null });
  const idOf = (request: FastifyRequest) => parseInput(IdParamsSchema, request.params, 'id').id;

  app.get('/api/v1/connectwise/connections', managers, async () => ({ connections: await deps.connections.list() }));

  app.get('/api/v1/connectwise/connections/:id', managers, async (request) => {
    const connection = await deps.connections.get(idOf(request));
    if (!connection) throw new HttpError(404, 'no such connection');
    return { connection };
  });

  app.post('/api/v1/connectwise/connections', managers, async (request, reply) => {
    const input = parseInput(ConnectWiseConnectionInputSchema, request.body);
    const connection = settle(await deps.connections.create(input, actor(request)));
    request.log.info({ connectionId: input.id }, 'connectwise connection created');
    return reply.code(201).send({ connection });
  });

  app.put('/api/v1/connectwise/connections/:id', managers, async (request) => {
    const id = idOf(request);
    const input = parseInput(ConnectWiseConnectionInputSchema, request.body);
    if (input.id !== id) throw new HttpError(400, `id: the body's id "${input.id}" is not the path's "${id}"`, 'id');
    const connection = settle(await deps.connections.update(input, actor(request)));
    request.log.info({ connectionId: id }, 'connectwise connection updated');
    return { connection };
  });

  app.delete('/api/v1/connectwise/connections/:id', managers, async (request, reply) => {
    settle(await deps.connections.remove(idOf(request), actor(request)));
    return reply.code(204).send();
  });

  const knownIncident = async (request: FastifyRequest) => {
    const user = signedInUser(request);
    const id = idOf(request);
    const incident = await deps.store.getIncident(id);
    if (!incident || !(await knows(deps.store, { userId: user.id, role: user.role }, incident))) throw new HttpError(404, 'no such incident', 'id');
    return { user, id };
  };

  app.get('/api/v1/incidents/:id/connectwise', async (request) => {
    const { id } = await knownIncident(request);
    return { connectwise: await deps.status.of(id) };
  });

  app.post('/api/v1/incidents/:id/connectwise/retry', async (request) => {
    const { user, id } = await knownIncident(request);
    if (!can(user.role, 'resolve')) throw new HttpError(403, `retrying a ConnectWise sync needs a role that works incidents; you are ${user.role}`);
    if (!(await deps.status.retry(id))) throw new HttpError(409, 'nothing waits to be sent to ConnectWise for this incident');
    return { connectwise: await deps.status.of(id) };
  });
}

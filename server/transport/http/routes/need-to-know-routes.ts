import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import type { Requester } from '../../../app/incidents/incident-actions.js';
import type { NeedToKnowList, NeedToKnowView } from '../../../app/incidents/need-to-know-list.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const PersonParamsSchema = z.object({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) });
const UserIdSchema = z.string().trim().min(1).max(100);
const AddBodySchema = z.object({ userId: UserIdSchema }).strict();
/** A whole list: a bounded number of people, each at most once. */
const ReplaceBodySchema = z
  .object({ userIds: z.array(UserIdSchema).max(200) })
  .strict()
  .refine((body) => new Set(body.userIds).size === body.userIds.length, { message: 'names a person twice', path: ['userIds'] });

const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, unavailable: 503 };

function settle(result: CommandResult<NeedToKnowView>): NeedToKnowView {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * The need-to-know API of an incident: `GET /api/v1/incidents/:id/need-to-know` (people who may know
 * it read its list), `PUT` (replace the list), `POST` (add one person) and `DELETE …/:userId` (take one
 * off), the last three for managers. Every change answers the list as it now stands.
 */
export function registerNeedToKnowRoutes(app: FastifyInstance, deps: { list: NeedToKnowList }): void {
  const requester = (request: FastifyRequest): Requester => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const incidentId = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;
  const path = '/api/v1/incidents/:id/need-to-know';

  app.get(path, async (request) => settle(await deps.list.list(requester(request), incidentId(request.params))));

  app.put(path, async (request) => {
    const who = requester(request);
    const { userIds } = parseInput(ReplaceBodySchema, request.body);
    return settle(await deps.list.replace(who, incidentId(request.params), userIds));
  });

  app.post(path, async (request) => {
    const who = requester(request);
    const { userId } = parseInput(AddBodySchema, request.body);
    return settle(await deps.list.add(who, incidentId(request.params), userId));
  });

  app.delete(`${path}/:userId`, async (request) => {
    const who = requester(request);
    const { id, userId } = parseInput(PersonParamsSchema, request.params, 'path');
    return settle(await deps.list.remove(who, id, userId));
  });
}

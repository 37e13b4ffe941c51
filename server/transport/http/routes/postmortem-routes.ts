import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import {
  AddPostmortemCommentSchema,
  CreatePostmortemSchema,
  PostmortemEditSchema,
  PostmortemStateSchema,
  PostmortemTransitionSchema,
} from '../../../../shared/schemas/postmortem.js';
import type { PostmortemActor, PostmortemService } from '../../../app/postmortems/postmortem-service.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(200) });
const ListQuerySchema = z.object({
  state: z
    .string()
    .max(200)
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(PostmortemStateSchema).min(1))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The largest body the post-mortem API takes (every field at its maximum fits). */
const BODY_LIMIT = 512 * 1024;

const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

/**
 * The post-mortems API (issue 14), for everyone signed in to the console, under need-to-know: a
 * post-mortem covering an incident the person may not know answers 404 like one that does not exist.
 * `GET /api/v1/postmortems?state=due,draft&limit=`, `POST /api/v1/postmortems` `{ incidentIds }`
 * (201), `GET /api/v1/postmortems/:id`, `GET /api/v1/incidents/:id/postmortem`, `PATCH
 * /api/v1/postmortems/:id` (one field edit), `POST /api/v1/postmortems/:id/comments` `{ body }` and
 * `POST /api/v1/postmortems/:id/transition` `{ to, note? }`.
 */
export function registerPostmortemRoutes(app: FastifyInstance, deps: { postmortems: PostmortemService }): void {
  const actor = (request: FastifyRequest): PostmortemActor => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const idOf = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;
  const { postmortems } = deps;

  app.get('/api/v1/postmortems', async (request) => {
    const who = actor(request);
    const query = parseInput(ListQuerySchema, request.query, 'query');
    return { postmortems: await postmortems.list(who, { limit: query.limit, ...(query.state ? { states: query.state } : {}) }) };
  });

  app.post('/api/v1/postmortems', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const who = actor(request);
    const { incidentIds } = parseInput(CreatePostmortemSchema, request.body);
    return reply.code(201).send(settle(await postmortems.create(who, incidentIds)));
  });

  app.get('/api/v1/postmortems/:id', async (request) => settle(await postmortems.load(actor(request), idOf(request.params))));

  app.get('/api/v1/incidents/:id/postmortem', async (request) => settle(await postmortems.forIncident(actor(request), idOf(request.params))));

  app.patch('/api/v1/postmortems/:id', { bodyLimit: BODY_LIMIT }, async (request) => {
    const who = actor(request);
    const id = idOf(request.params);
    return settle(await postmortems.edit(who, id, parseInput(PostmortemEditSchema, request.body)));
  });

  app.post('/api/v1/postmortems/:id/comments', { bodyLimit: BODY_LIMIT }, async (request) => {
    const who = actor(request);
    const id = idOf(request.params);
    const { body } = parseInput(AddPostmortemCommentSchema, request.body);
    return settle(await postmortems.comment(who, id, body));
  });

  app.post('/api/v1/postmortems/:id/transition', async (request) => {
    const who = actor(request);
    const id = idOf(request.params);
    const { to, note } = parseInput(PostmortemTransitionSchema, request.body);
    return settle(await postmortems.transition(who, id, to, note));
  });
}

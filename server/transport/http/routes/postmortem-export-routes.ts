import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CommandResult } from '../../../../shared/schemas/command.js';
import type { ExportActor, ExportFile, PostmortemExports } from '../../../app/postmortem-export/postmortem-exports.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(200) });

/** `POST /api/v1/postmortems/:id/connectwise-note`: internal analysis (default) or a discussion note the customer sees. */
export const TicketNoteRequestSchema = z.object({ internal: z.boolean().default(true) }).strict();

const STATUS: Record<string, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, unavailable: 502 };

function settle<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
}

function send<T extends string | Buffer>(reply: FastifyReply, file: ExportFile<T>): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}

/**
 * The post-mortem export API (issue 14): `GET /api/v1/postmortems/:id/export.md` (Markdown) and
 * `GET …/export.pdf` (PDF), downloads for everyone who may know the incident (404 otherwise, as for
 * a post-mortem that does not exist), and `POST …/connectwise-note`, which posts it to the incident's
 * ConnectWise ticket (201; 403 for a role that may not, 409 without a usable ticket, 502 when
 * ConnectWise refuses it).
 */
export function registerPostmortemExportRoutes(app: FastifyInstance, deps: { exports: PostmortemExports }): void {
  const actor = (request: FastifyRequest): ExportActor => ({ user: signedInUser(request), address: request.ip });
  const id = (params: unknown) => parseInput(IdParamsSchema, params, 'id').id;

  app.get('/api/v1/postmortems/:id/export.md', async (request, reply) => send(reply, await deps.exports.markdown(actor(request), id(request.params))));

  app.get('/api/v1/postmortems/:id/export.pdf', async (request, reply) => send(reply, await deps.exports.pdf(actor(request), id(request.params))));

  app.post('/api/v1/postmortems/:id/connectwise-note', { bodyLimit: 4096 }, async (request, reply) => {
    const who = actor(request);
    const postmortemId = id(request.params);
    const body = parseInput(TicketNoteRequestSchema, request.body ?? {});
    return reply.code(201).send(settle(await deps.exports.postTicketNote(who, postmortemId, body)));
  });
}

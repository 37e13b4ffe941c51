import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ConfigUpload } from '../../../app/config/config-upload.js';
import { requireRole, signedInUser } from '../auth.js';
import { parseInput } from '../http-error.js';

/** The largest config file the API takes (the documented example is about 8 KB). */
const BODY_LIMIT = 2 * 1024 * 1024;

const ApplyBodySchema = z.object({
  /** The file's name; its extension says how to read it, as for `KLAXON_CONFIG`. */
  fileName: z.string().trim().min(1).max(255).regex(/\.(ya?ml|json)$/i, 'use a .yaml, .yml or .json file name'),
  text: z.string().max(BODY_LIMIT),
});

/**
 * `POST /api/v1/config/apply` (admins; `klaxon config apply`): applies a config file to the running
 * relay as a start would. 200 with what changed per kind; 400 `{ error, field, issues }` listing
 * every wrong field (field = the first one's path) and changing nothing.
 */
export function registerConfigRoutes(app: FastifyInstance, deps: { upload: ConfigUpload }): void {
  app.post('/api/v1/config/apply', { bodyLimit: BODY_LIMIT + 4096, preHandler: requireRole('admin') }, async (request, reply) => {
    const user = signedInUser(request);
    const { fileName, text } = parseInput(ApplyBodySchema, request.body);
    const result = await deps.upload.apply({ actorId: user.id, address: request.ip }, fileName, text);
    if ('refusal' in result) return reply.code(400).send({ error: result.refusal.message, field: result.refusal.issues[0]?.path, issues: result.refusal.issues });
    if (!result.ok) return reply.code(400).send({ error: result.error.message });
    return { applied: result.value };
  });
}

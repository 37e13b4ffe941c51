import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SnoozeRequestSchema } from '../../../../shared/schemas/snooze.js';
import type { SnoozeService } from '../../../app/snooze/snooze-service.js';
import { signedInUser } from '../auth.js';
import { HttpError, parseInput } from '../http-error.js';

const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });
const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 };

/**
 * Snooze over the API: `POST /api/v1/incidents/:id/snooze` `{ duration | until }` snoozes an
 * acknowledged incident (200 `{ changed, until }`), `DELETE` ends the snooze now. Refusals answer
 * 400 (naming `duration` or `until`), 403, 404 (unknown, or not known to the caller) or 409 (not
 * acknowledged, resolved, not snoozed).
 */
export function registerSnoozeRoutes(app: FastifyInstance, deps: { snooze: SnoozeService }): void {
  const requester = (request: Parameters<typeof signedInUser>[0]) => {
    const user = signedInUser(request);
    return { userId: user.id, role: user.role, address: request.ip };
  };
  const settle = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string; field?: string } }): T => {
    if (result.ok) return result.value;
    throw new HttpError(STATUS[result.error.code] ?? 400, result.error.message, result.error.field);
  };

  app.post('/api/v1/incidents/:id/snooze', async (request) => {
    const who = requester(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    const body = parseInput(SnoozeRequestSchema, request.body ?? {});
    return settle(await deps.snooze.snooze(who, [id], body));
  });

  app.delete('/api/v1/incidents/:id/snooze', async (request) => {
    const who = requester(request);
    const { id } = parseInput(IdParamsSchema, request.params, 'id');
    return settle(await deps.snooze.unsnooze(who, [id]));
  });
}

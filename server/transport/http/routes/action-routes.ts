import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parsePushoverCallback } from '../../../adapters/notify/pushover-callback.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { ActionLinks } from '../../../app/push/action-links.js';
import type { ReadReports } from '../../../app/push/read-reports.js';
import { HttpError, parseInput } from '../http-error.js';

const ActionParamsSchema = z.object({ pageId: z.string().min(1).max(200), action: z.enum(['read', 'acknowledge']) });
const SignatureQuerySchema = z.object({ exp: z.string().max(20), sig: z.string().max(100) });
const SecretParamsSchema = z.object({ secret: z.string().max(100) });

/**
 * The unauthenticated action routes that notifications call back: `POST /actions/pages/:pageId/read`
 * and `…/acknowledge` (ntfy action buttons, Web Push notification actions), checked by their HMAC
 * signature and expiry, and `POST /actions/pushover/:secret` (Pushover's acknowledgement callback,
 * form-encoded, checked by its secret path segment). A bad signature answers 403 and changes nothing.
 */
export function registerActionRoutes(app: FastifyInstance, deps: { links: ActionLinks; reads: ReadReports; clock: Clock }): void {
  app.post('/actions/pages/:pageId/:action', async (request) => {
    const { pageId, action } = parseInput(ActionParamsSchema, request.params, 'path');
    const { exp, sig } = parseInput(SignatureQuerySchema, request.query, 'query');
    if (!deps.links.verify(action, pageId, exp, sig, deps.clock.now())) throw new HttpError(403, 'this action link is not valid (or expired)');
    const result = await deps.reads.fromLink(action, pageId);
    if (!result.ok) throw new HttpError(result.error.code === 'not_found' ? 404 : 409, result.error.message);
    return { ok: true, action };
  });

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
      done(null, new URLSearchParams(body as string)),
    );
    scope.post('/actions/pushover/:secret', async (request) => {
      const { secret } = parseInput(SecretParamsSchema, request.params, 'path');
      if (!deps.links.verifyPushoverSecret(secret)) throw new HttpError(403, 'unknown callback');
      const body = request.body;
      const parsed = parsePushoverCallback(body instanceof URLSearchParams ? body : ((body ?? {}) as Record<string, unknown>));
      if (!parsed.ok) throw new HttpError(400, parsed.error, parsed.field);
      const result = await deps.reads.fromPushover(parsed.callback);
      if (!result.ok) throw new HttpError(404, result.error.message, result.error.field);
      return { ok: true };
    });
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parsePushoverCallback } from '../../../adapters/notify/pushover-callback.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { ActionLinks } from '../../../app/push/action-links.js';
import type { ReadReports } from '../../../app/push/read-reports.js';
import { HttpError, parseInput } from '../http-error.js';
import { ACTION_PAGE_HEADERS, confirmPage, resultPage } from './action-confirm-page.js';

const ActionParamsSchema = z.object({ pageId: z.string().min(1).max(200), action: z.enum(['read', 'acknowledge']) });
const SignatureQuerySchema = z.object({ exp: z.string().max(20), sig: z.string().max(100) });
const SecretParamsSchema = z.object({ secret: z.string().max(100) });

/** Tells whether the caller is a browser (a form button) rather than an app calling the API. */
const wantsHtml = (request: FastifyRequest) => /text\/html/i.test(request.headers.accept ?? '') || /x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');

/**
 * The unauthenticated action routes that notifications call back: `POST /actions/pages/:pageId/read`
 * and `…/acknowledge` (ntfy action buttons, Web Push notification actions, and the button of the
 * e-mail confirm page), checked by their HMAC signature and expiry, and `POST /actions/pushover/:secret`
 * (Pushover's acknowledgement callback, form-encoded, checked by its secret path segment). A bad
 * signature answers 403 and changes nothing. `GET /actions/pages/…` (an e-mail link opened in a
 * browser, or fetched by a mail scanner) only answers a confirm page whose button POSTs: a GET never
 * reads or acknowledges anything. Browsers get HTML answers, apps JSON.
 */
export function registerActionRoutes(app: FastifyInstance, deps: { links: ActionLinks; reads: ReadReports; clock: Clock }): void {
  const checked = (request: FastifyRequest) => {
    const { pageId, action } = parseInput(ActionParamsSchema, request.params, 'path');
    const { exp, sig } = parseInput(SignatureQuerySchema, request.query, 'query');
    if (!deps.links.verify(action, pageId, exp, sig, deps.clock.now())) throw new HttpError(403, 'this action link is not valid (or expired)');
    return { pageId, action };
  };
  const asHtml = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof HttpError)) request.log.error({ err: error }, 'action link failed');
    const status = error instanceof HttpError ? error.statusCode : 500;
    const message = error instanceof HttpError ? error.message : 'the relay could not do that; try again';
    return reply.code(status).headers(ACTION_PAGE_HEADERS).send(resultPage(false, message));
  };

  app.get('/actions/pages/:pageId/:action', async (request, reply) => {
    try {
      const { action } = checked(request);
      return await reply.headers(ACTION_PAGE_HEADERS).send(confirmPage(action, request.url));
    } catch (error) {
      return asHtml(request, reply, error);
    }
  });

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
      done(null, new URLSearchParams(body as string)),
    );
    scope.post('/actions/pages/:pageId/:action', async (request, reply) => {
      try {
        const { pageId, action } = checked(request);
        const result = await deps.reads.fromLink(action, pageId);
        if (!result.ok) throw new HttpError(result.error.code === 'not_found' ? 404 : 409, result.error.message);
        if (!wantsHtml(request)) return { ok: true, action };
        return await reply.headers(ACTION_PAGE_HEADERS).send(resultPage(true, action === 'read' ? 'Klaxon knows you have read the page.' : 'The incident is acknowledged.'));
      } catch (error) {
        if (wantsHtml(request)) return asHtml(request, reply, error);
        throw error;
      }
    });
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

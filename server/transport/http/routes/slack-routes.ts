import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SlackConnectionStatus } from '../../../../shared/schemas/slack.js';
import { buttonPressesOf, slashCommandOf } from '../../../adapters/slack/slack-payloads.js';
import { verifySlackSignature } from '../../../adapters/slack/slack-signature.js';
import type { Clock } from '../../../app/ports/clock.js';
import type { SlackInbox } from '../../../app/slack/slack-inbox.js';
import type { SlackLinks } from '../../../app/slack/slack-links.js';
import { requireRole, signedInUser } from '../auth.js';
import { HttpError } from '../http-error.js';

/** Slack's interaction payloads carry the whole message; this is well above the biggest. */
const SLACK_BODY_LIMIT = 256 * 1024;

/** What the Slack routes need. */
export interface SlackRouteDeps {
  links: SlackLinks;
  inbox: SlackInbox;
  clock: Clock;
  /** The signing secret of request URL mode; the request URLs answer 404 without one. */
  signingSecret: string | undefined;
  status: () => SlackConnectionStatus;
  /** Hears of a press handled after the answer (errors are logged there). */
  onPressError: (error: unknown) => void;
}

/**
 * Slack over HTTP. For the signed-in person: `GET /api/v1/me/slack` (link status), `POST
 * /api/v1/me/slack/link-code` (a one-time code for `/klaxon link CODE`; 409 when Slack is not set
 * up) and `DELETE /api/v1/me/slack` (unlink). For admins: `GET /api/v1/slack/status`. For Slack
 * itself (request URL mode, no bearer token): `POST /api/v1/slack/interactions` and `POST
 * /api/v1/slack/commands`, each verified with the signing secret (v0 HMAC over the raw body, five
 * minutes' replay window) — 401 when the signature is missing, wrong or stale.
 */
export function registerSlackRoutes(app: FastifyInstance, deps: SlackRouteDeps): void {
  app.get('/api/v1/me/slack', async (request) => deps.links.status(signedInUser(request).id));

  app.post('/api/v1/me/slack/link-code', async (request) => {
    const user = signedInUser(request);
    if (!(await deps.links.status(user.id)).available) throw new HttpError(409, 'Slack is not set up on this relay (the config file has no slack section)');
    return deps.links.newCode(user.id);
  });

  app.delete('/api/v1/me/slack', async (request) => {
    const user = signedInUser(request);
    return { unlinked: await deps.links.unlink(user.id, { actorId: user.id, address: request.ip }) };
  });

  app.get('/api/v1/slack/status', { preHandler: requireRole('admin') }, async () => deps.status());

  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: SLACK_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    /** The verified form fields of a request from Slack. */
    const verified = (request: FastifyRequest): URLSearchParams => {
      if (!deps.signingSecret) throw new HttpError(404, 'the Slack request URL is not set up on this relay (no signing secret)');
      if (typeof request.body !== 'string') throw new HttpError(415, 'send application/x-www-form-urlencoded, as Slack does');
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const check = verifySlackSignature({
        signingSecret: deps.signingSecret,
        timestamp: header('x-slack-request-timestamp'),
        signature: header('x-slack-signature'),
        rawBody: request.body,
        now: deps.clock.now(),
      });
      if (!check.ok) throw new HttpError(401, `not a request from Slack: ${check.reason}`);
      return new URLSearchParams(request.body);
    };

    scope.post('/api/v1/slack/interactions', { config: { public: true } }, async (request, reply) => {
      const form = verified(request);
      let payload: unknown;
      try {
        payload = JSON.parse(form.get('payload') ?? '');
      } catch {
        throw new HttpError(400, 'payload: expected the interaction as JSON', 'payload');
      }
      const read = buttonPressesOf(payload);
      if (!read.ok) throw new HttpError(400, read.problem.message, read.problem.field);
      // Slack wants an answer within 3 seconds; presses answer in Slack itself (update or ephemeral).
      void (async () => {
        for (const press of read.presses) await deps.inbox.press(press);
      })().catch(deps.onPressError);
      return reply.code(200).send();
    });

    scope.post('/api/v1/slack/commands', { config: { public: true } }, async (request) => {
      const form = verified(request);
      const read = slashCommandOf(Object.fromEntries(form));
      if (!read.ok) throw new HttpError(400, read.problem.message, read.problem.field);
      return { response_type: 'ephemeral', text: await deps.inbox.command(read.command) };
    });
  });
}

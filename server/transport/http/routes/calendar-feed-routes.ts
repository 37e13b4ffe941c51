import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RegenerateFeedSchema } from '../../../../shared/schemas/calendar.js';
import type { CalendarFeeds } from '../../../app/schedules/calendar-feeds.js';
import { HttpError, parseInput } from '../http-error.js';
import { actorOf, answer, baseUrlOf } from './schedule-http.js';

const TokenParamsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/**
 * Calendar feeds: `GET /calendar/:token.ics` (no sign-in: the unguessable token is the key, as
 * Google, Outlook and Apple calendars subscribe without credentials; the relay looks up its SHA-256),
 * `GET /api/v1/calendar-feeds` (my feed and every schedule's, with when each was made, never a URL)
 * and `POST /api/v1/calendar-feeds/regenerate` (makes or renews a feed: the one answer with its URL).
 */
export function registerCalendarFeedRoutes(app: FastifyInstance, deps: { feeds: CalendarFeeds; publicUrl: () => string | undefined }): void {
  app.get('/calendar/:token.ics', async (request, reply) => {
    const parsed = TokenParamsSchema.safeParse(request.params);
    const body = parsed.success ? await deps.feeds.render(parsed.data.token) : undefined;
    if (body === undefined) throw new HttpError(404, 'no such calendar');
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, max-age=300')
      .header('content-disposition', 'inline; filename="klaxon.ics"')
      .send(body);
  });
  app.get('/api/v1/calendar-feeds', async (request) => ({
    feeds: await answer(() => deps.feeds.list(actorOf(request))),
  }));
  app.post('/api/v1/calendar-feeds/regenerate', async (request) => {
    const { kind, subject } = parseInput(RegenerateFeedSchema, request.body);
    return answer(() => deps.feeds.regenerate(actorOf(request), kind, subject, baseUrlOf(request, deps.publicUrl())));
  });
}

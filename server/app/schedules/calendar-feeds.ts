import { randomBytes } from 'node:crypto';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { CalendarFeed, IssuedCalendarFeed } from '../../../shared/schemas/calendar.js';
import { hashToken } from '../accounts/tokens.js';
import { mayEditSchedule, renderICalendar, scheduleFeedEvents, userFeedEvents, type ScheduleActor } from '../../core/calendar/index.js';
import type { Clock } from '../ports/clock.js';
import type { CalendarFeedRecord } from '../ports/schedule-store.js';
import type { Store } from '../ports/store.js';
import { requireSchedule } from './schedule-editing.js';
import { ScheduleProblem } from './schedule-problem.js';

/** How far back and ahead a feed reaches, in days. */
export const FEED_PAST_DAYS = 30;
export const FEED_AHEAD_DAYS = 120;
const DAY_MS = 86_400_000;

/**
 * iCalendar feeds per user and per schedule, behind unguessable tokens. The store keeps only each
 * token's SHA-256, so a feed's URL is shown once, when it is made or renewed, and never again.
 */
export interface CalendarFeeds {
  /** `actor`'s own feed and every schedule's feed: whether and when each was made, never a URL. */
  list(actor: ScheduleActor): Promise<CalendarFeed[]>;
  /**
   * Makes a feed, or gives it a new token so the old URL stops working at once: one's own feed, or a
   * schedule one may edit. Returns the URL under `baseUrl`, the only time it is shown.
   */
  regenerate(actor: ScheduleActor, kind: CalendarFeedRecord['kind'], subject: string, baseUrl: string): Promise<IssuedCalendarFeed>;
  /** Renders the feed behind `token`, or returns undefined for an unknown token. */
  render(token: string): Promise<string | undefined>;
}

/** A new feed token: 32 random bytes, URL-safe. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Creates the calendar feeds on `store`. */
export function createCalendarFeeds(deps: { store: Store; clock: Clock; audit?: AuditTrail }): CalendarFeeds {
  const { store, clock } = deps;
  const url = (baseUrl: string, token: string) => `${baseUrl}/calendar/${token}.ics`;

  async function madeAt(kind: CalendarFeedRecord['kind'], subject: string): Promise<string | null> {
    return (await store.getCalendarFeed(kind, subject))?.createdAt.toISOString() ?? null;
  }

  return {
    async list(actor) {
      const schedules = await store.listSchedules();
      const feeds: CalendarFeed[] = [{ kind: 'user', subject: actor.id, label: 'My on-call shifts', createdAt: await madeAt('user', actor.id) }];
      for (const s of schedules) {
        feeds.push({ kind: 'schedule', subject: s.id, label: s.name, createdAt: await madeAt('schedule', s.id) });
      }
      return feeds;
    },
    async regenerate(actor, kind, subject, baseUrl) {
      let label = 'My on-call shifts';
      if (kind === 'user') {
        if (subject !== actor.id && actor.role !== 'admin') throw new ScheduleProblem('forbidden', 'you can only renew your own feed');
      } else {
        const schedule = await requireSchedule(store, subject);
        if (!mayEditSchedule(actor, schedule)) throw new ScheduleProblem('forbidden', 'only the schedule owner, IR managers and admins can renew its feed');
        label = schedule.name;
      }
      const token = newToken();
      const createdAt = clock.now();
      await store.saveCalendarFeed({ kind, subject, tokenHash: hashToken(token), createdAt });
      await (deps.audit ?? noAuditTrail).record({
        action: 'calendar-feed.regenerated',
        actorId: actor.id,
        subject: { kind: 'calendar-feed', id: `${kind}:${subject}` },
        details: { kind, subject },
      });
      return { kind, subject, label, createdAt: createdAt.toISOString(), url: url(baseUrl, token) };
    },
    async render(token) {
      const feed = await store.findCalendarFeed(hashToken(token));
      if (!feed) return undefined;
      const now = clock.now();
      const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
      const to = new Date(now.getTime() + FEED_AHEAD_DAYS * DAY_MS);
      if (feed.kind === 'schedule') {
        const schedule = await store.getSchedule(feed.subject);
        if (!schedule) return undefined;
        const names = new Map((await store.listUsers()).map((u) => [u.id, u.name]));
        const events = scheduleFeedEvents(schedule, (id) => names.get(id) ?? id, from, to);
        return renderICalendar({ name: `Klaxon: ${schedule.name}`, events, now });
      }
      const user = await store.getUser(feed.subject);
      if (!user) return undefined;
      const events = userFeedEvents(user.id, await store.listSchedules(), from, to);
      return renderICalendar({ name: `Klaxon: ${user.name} on call`, events, now });
    },
  };
}

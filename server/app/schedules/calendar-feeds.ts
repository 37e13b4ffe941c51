import { randomBytes } from 'node:crypto';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { CalendarFeed } from '../../../shared/schemas/calendar.js';
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

/** iCalendar feeds per user and per schedule, behind unguessable tokens. */
export interface CalendarFeeds {
  /** `actor`'s own feed and every schedule's feed, with their URLs under `baseUrl` (tokens made on first use). */
  list(actor: ScheduleActor, baseUrl: string): Promise<CalendarFeed[]>;
  /** Gives a feed a new token, so the old URL stops working: one's own feed, or a schedule one may edit. */
  regenerate(actor: ScheduleActor, kind: CalendarFeedRecord['kind'], subject: string, baseUrl: string): Promise<CalendarFeed>;
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

  async function tokenOf(kind: CalendarFeedRecord['kind'], subject: string): Promise<string> {
    const existing = await store.getCalendarFeed(kind, subject);
    if (existing) return existing.token;
    const token = newToken();
    await store.saveCalendarFeed({ kind, subject, token, createdAt: clock.now() });
    // Two consoles asking at once: whichever token was saved last is the one in force.
    return (await store.getCalendarFeed(kind, subject))?.token ?? token;
  }

  return {
    async list(actor, baseUrl) {
      const schedules = await store.listSchedules();
      const feeds: CalendarFeed[] = [{ kind: 'user', subject: actor.id, label: 'My on-call shifts', url: url(baseUrl, await tokenOf('user', actor.id)) }];
      for (const s of schedules) {
        feeds.push({ kind: 'schedule', subject: s.id, label: s.name, url: url(baseUrl, await tokenOf('schedule', s.id)) });
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
      await store.saveCalendarFeed({ kind, subject, token, createdAt: clock.now() });
      await (deps.audit ?? noAuditTrail).record({
        action: 'calendar-feed.regenerated',
        actorId: actor.id,
        subject: { kind: 'calendar-feed', id: `${kind}:${subject}` },
        details: { kind, subject },
      });
      return { kind, subject, label, url: url(baseUrl, token) };
    },
    async render(token) {
      const feed = await store.findCalendarFeed(token);
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

import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { NotifyRule } from '../../../shared/schemas/user.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { Actor, TimelineEventType } from '../../../shared/schemas/timeline.js';
import type { JobRecord, UserRecord } from '../ports/store.js';
import { pageIdOf, sendJob, webPushJob } from './escalation-jobs.js';
import type { DirectRing } from './phone-line.js';
import { createTimelineBuffer } from './timeline-buffer.js';

const DEFAULT_RULES: NotifyRule[] = [{ channel: 'push', after: 0 }];
const SYSTEM = { type: 'system' as const, id: null };

/**
 * The due row that sends a level's phone pages at once (an outbox row committed with the pages):
 * every `push` page a step queues for now goes in one row, so a level of 500 people costs one job,
 * one claim and one record transaction instead of 500 of each. Its id names the first page, which
 * is stored only once, so the row is never replaced by another level's.
 */
export const levelJob = {
  kind: 'page.level',
  id: (firstPageId: string) => `level:${firstPageId}`,
  make: (incidentId: string, pageIds: string[], dueAt: Date): Omit<JobRecord, 'attempts'> => ({
    id: levelJob.id(pageIds[0]!),
    kind: levelJob.kind,
    incidentId,
    dueAt,
    payload: { pageIds },
  }),
};

/** Whether a page goes out in its level's batch: phone pages due at once; other channels and delays keep their own job. */
function batched(rule: NotifyRule): boolean {
  return rule.channel === 'push' && rule.after === 0;
}

/** Collects the pages one transaction queues and stores them together. */
export interface PageQueue {
  /**
   * Adds one page per notify rule of `userId` (push alone when they have none); a person who does
   * not exist gets a `page.failed` event instead. Nothing is stored until `flush`. `dueBy` is when
   * the page fell due, if earlier than `at` (a step that ran late): the level job is due then, so
   * that under a backlog of overdue work it goes out in the order it fell due, not after every step
   * that was due before the late step ran.
   */
  add(pageKey: string, userId: string, level: number, at: Date, dueBy?: Date): Promise<void>;
  /** Holds a timeline event (`page.queued`, a level move) to be appended with the pages, in order. */
  timeline(type: TimelineEventType, actor: Actor, data: Record<string, unknown>): void;
  /**
   * Stores the collected pages with multi-row inserts (a page id already stored is left as it is),
   * publishes the new ones, and schedules their sends: with `ring`, a phone page due now whose person
   * has a phone connected to this relay is stored sent (with its `page.sent` event) and rung once the
   * transaction has committed; the other phone pages due now share one level job, and each other
   * page gets a send job of its own.
   */
  flush(): Promise<void>;
}

/** Creates the page queue of one transaction for `incident`. */
export function createPageQueue(
  changes: ChangeSet,
  incident: Incident,
  userOf: (id: string) => Promise<UserRecord | undefined>,
  ring?: DirectRing,
): PageQueue {
  let pending: { page: Page; rule: NotifyRule; at: Date; dueBy: Date }[] = [];
  const events = createTimelineBuffer(changes);
  return {
    timeline(type, actor, data) {
      events.add(incident.id, type, actor, data);
    },
    async add(pageKey, userId, level, at, dueBy = at) {
      const user = await userOf(userId);
      if (!user) {
        events.add(incident.id, 'page.failed', SYSTEM, { userId, reason: 'no such user' });
        return;
      }
      for (const rule of user.notify.length ? user.notify : DEFAULT_RULES) {
        pending.push({
          rule,
          at,
          dueBy: dueBy < at ? dueBy : at,
          page: {
            id: pageIdOf(incident.id, pageKey, rule.channel),
            incidentId: incident.id,
            pageKey,
            userId,
            channel: rule.channel,
            state: 'queued',
            level,
            attempts: 0,
            createdAt: at.toISOString(),
            sentAt: null,
            deliveredAt: null,
            readAt: null,
            error: null,
          },
        });
      }
    },
    async flush() {
      const list = pending;
      pending = [];
      // Sends this transaction scheduled before a page fell due (the missed repeats of a catch-up
      // after an outage) go first, in due order: that page waits for its level job behind them.
      const firstDue = Math.min(...changes.dueAts.map((d) => d.getTime()));
      const rungNow = (p: (typeof list)[number]) =>
        ring !== undefined && batched(p.rule) && p.dueBy.getTime() <= firstDue && ring.line.connectedHere(p.page.userId);
      const at = changes.now.toISOString();
      for (const p of list) if (rungNow(p)) p.page = { ...p.page, state: 'sent', attempts: 1, sentAt: at };
      const added = list.length ? await changes.tx.insertPages(list.map((p) => p.page)) : new Set<string>();
      const level = new Map<number, string[]>();
      const stored: Page[] = [];
      const rung: Page[] = [];
      for (const p of list) {
        const { page, rule, at: queuedAt, dueBy } = p;
        if (!added.has(page.id)) continue;
        stored.push(page);
        if (page.state === 'sent') {
          rung.push(page);
          events.add(incident.id, 'page.sent', SYSTEM, { pageId: page.id, userId: page.userId, channel: page.channel, level: page.level });
        } else if (batched(rule)) {
          const ids = level.get(dueBy.getTime()) ?? [];
          level.set(dueBy.getTime(), ids);
          ids.push(page.id);
        } else {
          await changes.schedule(sendJob.make(incident.id, page.id, new Date(queuedAt.getTime() + rule.after * 1000), 1));
        }
      }
      await events.flush();
      for (const page of stored) changes.page(page);
      for (const [dueMs, ids] of level) await changes.schedule(levelJob.make(incident.id, ids, new Date(dueMs)));
      if (ring && rung.length) await ringAfterCommit(changes, incident, rung, ring);
    },
  };
}

/**
 * Rings `pages` (stored sent in this transaction) once it has committed, and gives each page whose
 * person has Web Push subscriptions its Web Push send, as a level job does.
 */
async function ringAfterCommit(changes: ChangeSet, incident: Incident, pages: Page[], ring: DirectRing): Promise<void> {
  const [service, webPush] = await Promise.all([
    changes.tx.getService(incident.serviceId),
    changes.tx.usersWithPushSubscriptions([...new Set(pages.map((p) => p.userId))]),
  ]);
  for (const page of pages) if (webPush.has(page.userId)) await changes.schedule(webPushJob.make(incident.id, page.id, changes.now));
  const serviceName = service?.name ?? incident.serviceId;
  changes.afterCommit(() => {
    for (const page of pages) ring.pagesSent.inc({ channel: page.channel });
    ring.line.ring(pages, incident, serviceName);
  });
}

import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { NotifyRule } from '../../../shared/schemas/user.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { Actor, TimelineEventType } from '../../../shared/schemas/timeline.js';
import type { JobRecord, UserRecord } from '../ports/store.js';
import { pageIdOf, sendJob } from './escalation-jobs.js';
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
  /** Holds a timeline event of the pages (`page.queued`) to be appended with them, in order. */
  timeline(type: TimelineEventType, actor: Actor, data: Record<string, unknown>): void;
  /**
   * Stores the collected pages with multi-row inserts (a page id already stored is left as it is),
   * publishes the new ones, and schedules their sends: one level job for the phone pages due now,
   * one send job for each other page.
   */
  flush(): Promise<void>;
}

/** Creates the page queue of one transaction for `incident`. */
export function createPageQueue(
  changes: ChangeSet,
  incident: Incident,
  userOf: (id: string) => Promise<UserRecord | undefined>,
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
      await events.flush();
      if (pending.length === 0) return;
      const list = pending;
      pending = [];
      const added = await changes.tx.insertPages(list.map((p) => p.page));
      const level = new Map<number, string[]>();
      for (const { page, rule, at, dueBy } of list) {
        if (!added.has(page.id)) continue;
        changes.page(page);
        if (batched(rule)) {
          const ids = level.get(dueBy.getTime()) ?? [];
          level.set(dueBy.getTime(), ids);
          ids.push(page.id);
        } else {
          await changes.schedule(sendJob.make(incident.id, page.id, new Date(at.getTime() + rule.after * 1000), 1));
        }
      }
      for (const [dueMs, ids] of level) await changes.schedule(levelJob.make(incident.id, ids, new Date(dueMs)));
    },
  };
}

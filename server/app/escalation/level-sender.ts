import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import { parseEscalationState } from '../../core/escalation/index.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { ChangeSet, CommitDeps } from '../incidents/change-set.js';
import { commitGrouped, type GroupCommit } from '../incidents/group-commit.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession, UserRecord } from '../ports/store.js';
import { isManualPage } from './apply-step.js';
import { sendJob, webPushJob } from './escalation-jobs.js';
import type { ChannelOutcome, ChannelSender, SendGate } from './page-sender.js';
import type { Reachability } from './reachability.js';
import { recordSend, type SendRecordDeps } from './send-record.js';
import { createTimelineBuffer } from './timeline-buffer.js';

/** One page of a level and the person it is for. */
export interface LevelSend {
  page: Page;
  user: UserRecord;
}

/**
 * Sends many pages of one incident (already redacted as need-to-know asks) on the phone app's
 * socket at once; answers one outcome per item, in order.
 */
export type BatchSender = (items: LevelSend[], incident: Incident, attempt: number) => Promise<ChannelOutcome[]>;

/** Makes a batch sender of a one-page sender (tests, and channels with no batch form). */
export function batchOf(send: ChannelSender): BatchSender {
  return (items, incident, attempt) => Promise.all(items.map(({ page, user }) => send(page, incident, user, attempt)));
}

/** What the level sender needs. */
export interface LevelSenderDeps extends CommitDeps, SendRecordDeps {
  clock: Clock;
  log: Log;
  /** The phone app's socket, for a whole level at once. */
  push: BatchSender;
  /** Tells a phone offline now from one that does not exist (see the page sender). */
  reachability?: Reachability;
  /** Which people have Web Push subscriptions: their pages also get a Web Push send job. */
  webPushUsers?: (userIds: string[]) => Promise<Set<string>>;
  /** Orders delivery receipts after the record of the level (none: no ordering). */
  gate?: SendGate;
  /**
   * Commits the record of a level together with other work committed at the same moment (other
   * levels, ingests: one fsync for all on SQLite); without it each level commits alone.
   */
  group?: GroupCommit;
}

/** When a page on the level's list goes out: still queued and never tried (a re-run after a crash skips what was recorded). */
const unsent = (page: Page) => page.state === 'queued' && page.attempts === 0;

/** The people of `ids`, read with one query when there are many. */
async function usersOf(store: StoreSession, ids: string[]): Promise<Map<string, UserRecord>> {
  const wanted = new Set(ids);
  const users = wanted.size > 8 ? await store.listUsers() : (await Promise.all([...wanted].map((id) => store.getUser(id)))).filter((u) => u !== undefined);
  return new Map(users.filter((u) => wanted.has(u.id)).map((u) => [u.id, u]));
}

/**
 * Creates the `page.level` job handler: it sends a level's phone pages in one go. It reads the
 * pages, the incident, its escalation (parsed once for the whole level, not once per page) and the
 * people once; emits to every connected phone straight away; then records every outcome in one
 * transaction (shared with whatever else commits at that moment when `group` is given). A page
 * read, cancelled or stopped meanwhile is cancelled instead; a retryable failure and the Web Push
 * part get their own send job. A crash between the emit and the record sends again
 * (at least once; phones drop a page id they have), and each page is still recorded once.
 */
export function createLevelSender(deps: LevelSenderDeps): JobHandler {
  const gate: SendGate = deps.gate ?? ((_, work) => work());
  return (job) => {
    const ids = Array.isArray(job.payload.pageIds) ? job.payload.pageIds.map(String) : [];
    return gate(ids, async () => {
      const pages = (await deps.store.getPages(ids)).filter(unsent);
      if (pages.length === 0) return;
      const incidentId = pages[0]!.incidentId;
      const [incident, record, users] = await Promise.all([
        deps.store.getIncident(incidentId),
        deps.store.getEscalation(incidentId),
        usersOf(deps.store, pages.map((p) => p.userId)),
      ]);
      const parsed = record ? parseEscalationState(record.state) : undefined;
      const state = parsed?.ok ? parsed.state : undefined;
      const readKeys = new Set(state?.pages.filter((p) => p.readAt).map((p) => p.pageKey));
      const stale = (page: Page) =>
        !incident ||
        incident.status === 'resolved' ||
        !users.has(page.userId) ||
        readKeys.has(page.pageKey) ||
        // A page sent by hand goes out whatever the escalation does.
        (state?.status === 'stopped' && !isManualPage(page));
      const cancelled = pages.filter(stale);
      const live = incident ? pages.filter((p) => !stale(p)) : [];

      let outcomes: ChannelOutcome[] = [];
      let webPush = new Set<string>();
      if (incident && live.length) {
        // Every channel gets a confidential incident redacted; read once for the whole level.
        const shown = incident.confidential
          ? pagedIncident(incident, (await deps.store.getService(incident.serviceId))?.name ?? incident.serviceId)
          : incident;
        const items = live.map((page) => ({ page, user: users.get(page.userId)! }));
        outcomes = await deps.push(items, shown, 1).catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          return items.map(() => ({ status: 'failed' as const, error: message, retryable: true }));
        });
        webPush = (await deps.webPushUsers?.([...new Set(live.map((p) => p.userId))])) ?? webPush;
        outcomes = await Promise.all(outcomes.map((outcome, i) => settle(outcome, live[i]!, webPush)));
      }

      const writeRecord = async (changes: ChangeSet) => {
        // The incident row first (locked on PostgreSQL), as everywhere.
        const locked = await changes.tx.getIncident(incidentId);
        if (locked) changes.read(locked);
        const current = new Map((await changes.tx.getPages(pages.map((p) => p.id))).map((p) => [p.id, p]));
        const events = createTimelineBuffer(changes);
        for (const page of cancelled) {
          if (current.get(page.id)?.state !== 'queued') continue;
          const done = await changes.tx.updatePage(page.id, { state: 'cancelled' });
          if (done) changes.page(done);
        }
        for (const [i, page] of live.entries()) {
          const outcome = outcomes[i]!;
          if (outcome.status === 'failed' && outcome.retryable) {
            // The retry is the page's own: one slow or failing phone never holds up the level.
            await changes.schedule(sendJob.make(incidentId, page.id, changes.now, 1));
            continue;
          }
          await recordSend(changes, current.get(page.id), outcome, deps, events);
          if (webPush.has(page.userId)) await changes.schedule(webPushJob.make(incidentId, page.id, changes.now));
        }
        await events.flush();
      };
      await commitGrouped(deps, writeRecord);
    });
  };

  /** Turns "nobody connected" into a failure when the person has nothing that could ever get the page. */
  async function settle(outcome: ChannelOutcome, page: Page, webPush: Set<string>): Promise<ChannelOutcome> {
    if (outcome.status !== 'unreachable' || webPush.has(page.userId) || !deps.reachability) return outcome;
    const why = await deps.reachability(page.userId, page.channel);
    return why === null ? outcome : { status: 'failed', error: why, retryable: false };
  }
}

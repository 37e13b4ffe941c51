import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { Channel } from '../../../shared/schemas/user.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import { parseEscalationState } from '../../core/escalation/index.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { UserRecord } from '../ports/store.js';
import { isManualPage } from './apply-step.js';
import type { Reachability } from './reachability.js';
import { recordSend } from './send-record.js';
import { WEB_PUSH_ONLY } from './escalation-jobs.js';

/** What one channel made of a send. */
export type ChannelOutcome =
  | { status: 'sent' }
  /** Nobody reachable right now (e.g. no phone connected): the page stays queued and is replayed later. */
  | { status: 'unreachable' }
  | { status: 'failed'; error: string; retryable: boolean };

/** Sends a page on one channel. */
export type ChannelSender = (page: Page, incident: Incident, user: UserRecord, attempt: number) => Promise<ChannelOutcome>;

/**
 * Runs a send to phones' sockets and the transaction that records it so that the delivery receipts
 * of `pageIds` are written after it (a phone may confirm a page before its send is recorded); the
 * receipts of other pages are not held up.
 */
export type SendGate = <T>(pageIds: readonly string[], work: () => Promise<T>) => Promise<T>;

/** What the page sender needs. */
export interface PageSenderDeps extends CommitDeps {
  clock: Clock;
  log: Log;
  senders: Partial<Record<Channel, ChannelSender>>;
  metrics: { pagesSent: { inc(labels: { channel: string }): void } };
  /** How many tries a retryable failure gets before the page is marked failed. */
  maxAttempts?: number;
  /**
   * Tells a phone that is offline now from one that does not exist: a page nobody could ever receive
   * fails at once instead of waiting as `queued`. Without it, "unreachable" always waits for a replay.
   */
  reachability?: Reachability;
  /** Hears of a page marked failed, in the same transaction (the escalator moves on). */
  onPageFailed?: (changes: ChangeSet, page: Page) => Promise<void>;
  /** The Web Push part of the push channel, for the send jobs a level job leaves to it. */
  webPush?: ChannelSender;
  /** Orders delivery receipts after the record of the send (none: no ordering). */
  gate?: SendGate;
}

/**
 * Creates the `page.send` job handler: repeats, retries, slow channels and delayed notify rules (a
 * level's phone pages due at once go out in its level job). It re-reads everything before sending,
 * so a page read, cancelled or resolved meanwhile is not sent; sends outside any transaction; then
 * records the outcome. A crash between the send and the record re-sends (at least once; phones dedup
 * by page id).
 */
export function createPageSender(deps: PageSenderDeps): JobHandler {
  const maxAttempts = deps.maxAttempts ?? 5;
  const gate: SendGate = deps.gate ?? ((_, work) => work());
  return async (job) => {
    const pageId = String(job.payload.pageId ?? '');
    const attempt = Number(job.payload.attempt ?? 1);
    const webPushOnly = job.payload.via === WEB_PUSH_ONLY;
    const page = await deps.store.getPage(pageId);
    if (!page || page.state === 'read' || page.state === 'cancelled' || page.state === 'failed') return;
    const [incident, record, user] = await Promise.all([
      deps.store.getIncident(page.incidentId),
      deps.store.getEscalation(page.incidentId),
      deps.store.getUser(page.userId),
    ]);
    const parsed = record ? parseEscalationState(record.state) : undefined;
    const enginePage = parsed?.ok ? parsed.state.pages.find((p) => p.pageKey === page.pageKey) : undefined;
    const stale =
      !incident ||
      incident.status === 'resolved' ||
      enginePage?.readAt ||
      // A page sent by hand goes out whatever the escalation does.
      (parsed?.ok && parsed.state.status === 'stopped' && page.state === 'queued' && !isManualPage(page));
    if (stale || !user) {
      if (page.state === 'queued') await cancel(page);
      return;
    }

    const send = webPushOnly ? deps.webPush : deps.senders[page.channel];
    // Every channel gets a confidential incident redacted (re-read at each send, so repeats after it
    // was marked confidential mid-escalation are redacted too); details stay inside the app.
    const shown = incident.confidential
      ? pagedIncident(incident, (await deps.store.getService(incident.serviceId))?.name ?? incident.serviceId)
      : incident;
    const sendAndRecord = async () => {
      let outcome: ChannelOutcome = send
        ? await send(page, shown, user, attempt).catch((error: unknown) => ({
            status: 'failed' as const,
            error: error instanceof Error ? error.message : String(error),
            retryable: true,
          }))
        : { status: 'failed', error: `the ${page.channel} channel is not set up on this relay`, retryable: false };
      // A failed Web Push is not a failed page: the socket replay or the next repeat tries again.
      if (webPushOnly && outcome.status !== 'sent') return;
      if (outcome.status === 'unreachable' && deps.reachability) {
        const why = await deps.reachability(user.id, page.channel);
        if (why !== null) outcome = { status: 'failed', error: why, retryable: false };
      }

      if (outcome.status === 'failed' && outcome.retryable && job.attempts < maxAttempts) {
        deps.log.warn({ pageId, channel: page.channel, error: outcome.error, try: job.attempts }, 'page send failed; will retry');
        throw new Error(`page ${pageId}: ${outcome.error}`);
      }
      await record_(page, outcome);
    };
    // Only a send to phones' sockets gets delivery receipts; a slow provider (SMTP, ntfy, Pushover,
    // webhook, Web Push) never holds up anyone's receipts.
    if (page.channel === 'push' && !webPushOnly) await gate([page.id], sendAndRecord);
    else await sendAndRecord();
  };

  async function cancel(page: Page): Promise<void> {
    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const cancelled = await changes.tx.updatePage(page.id, { state: 'cancelled' });
      if (cancelled) changes.page(cancelled);
    });
  }

  async function record_(page: Page, outcome: ChannelOutcome): Promise<void> {
    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      await changes.tx.lockIncident(page.incidentId);
      await recordSend(changes, await changes.tx.getPage(page.id), outcome, deps);
    });
  }
}

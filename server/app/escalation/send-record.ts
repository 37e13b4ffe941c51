import type { Page } from '../../../shared/schemas/page.js';
import type { ChangeSet } from '../incidents/change-set.js';
import type { ChannelOutcome } from './page-sender.js';
import type { TimelineBuffer } from './timeline-buffer.js';

const SYSTEM = { type: 'system' as const, id: null };

/** What recording a send needs. */
export interface SendRecordDeps {
  metrics: { pagesSent: { inc(labels: { channel: string }): void } };
  /** Hears of a page marked failed, in the same transaction (the escalator moves on). */
  onPageFailed?: (changes: ChangeSet, page: Page) => Promise<void>;
}

/**
 * Records what a send came to in the caller's transaction, `current` being the page as that
 * transaction read it (after the incident row, the lock order everywhere): a failure fails the page
 * with its reason; a send counts the try and, the first time, marks the page sent with a `page.sent`
 * event — so each page is on the timeline once however often it is re-sent. A page read or
 * cancelled meanwhile is left as it is. With `events`, the `page.sent` event is held there (a level
 * appends its events together).
 */
export async function recordSend(
  changes: ChangeSet,
  current: Page | undefined,
  outcome: ChannelOutcome,
  deps: SendRecordDeps,
  events?: TimelineBuffer,
): Promise<void> {
  if (!current || current.state === 'read' || current.state === 'cancelled') return;
  const { id, incidentId, userId, channel, level } = current;
  if (outcome.status === 'failed') {
    await recordFailure(changes, current, outcome.error, { attempts: current.attempts + 1 }, deps.onPageFailed);
    return;
  }
  const first = current.sentAt === null;
  const sent = outcome.status === 'sent';
  const updated = await changes.tx.updatePage(id, {
    attempts: current.attempts + 1,
    ...(sent && current.state === 'queued' ? { state: 'sent' as const } : {}),
    ...(sent && first ? { sentAt: changes.now.toISOString() } : {}),
  });
  if (updated) changes.page(updated);
  if (sent) {
    changes.afterCommit(() => deps.metrics.pagesSent.inc({ channel }));
    const data = { pageId: id, userId, channel, level };
    if (first && events) events.add(incidentId, 'page.sent', SYSTEM, data);
    else if (first) await changes.timeline(incidentId, 'page.sent', SYSTEM, data);
  }
}

/**
 * Fails `page` with `error` in the caller's transaction: the page, its `page.failed` event, and the
 * escalation hears of it through `onPageFailed`.
 */
export async function recordFailure(
  changes: ChangeSet,
  page: Page,
  error: string,
  patch: { attempts?: number },
  onPageFailed: SendRecordDeps['onPageFailed'],
): Promise<void> {
  const { id, incidentId, userId, channel } = page;
  const failed = await changes.tx.updatePage(id, { state: 'failed', error, ...patch });
  if (failed) changes.page(failed);
  await changes.timeline(incidentId, 'page.failed', SYSTEM, { pageId: id, userId, channel, error });
  if (failed) await onPageFailed?.(changes, failed);
}

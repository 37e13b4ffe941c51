import type { Page } from '../../../shared/schemas/page.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { SendGate } from '../escalation/page-sender.js';
import { createTimelineBuffer } from '../escalation/timeline-buffer.js';
import type { ChangeSet, CommitDeps } from '../incidents/change-set.js';
import { commitGrouped, type GroupCommit } from '../incidents/group-commit.js';
import type { Clock } from '../ports/clock.js';

const SYSTEM = { type: 'system' as const, id: null };

/** What the delivery receipts need. */
export interface DeliveryReceiptDeps extends CommitDeps {
  clock: Clock;
  log: Log;
  /** How long a receipt waits for others to share its transaction. */
  delayMs?: number;
  /** How many receipts one transaction writes at most. */
  maxBatch?: number;
  /** Commits the receipts together with other work committed at the same moment (one fsync on SQLite). */
  group?: GroupCommit;
}

/**
 * Phones' delivery receipts (the acknowledgement of a `page` event), written behind: receipts that
 * arrive close together are committed in one transaction instead of one each. A receipt not yet
 * written when the relay dies is not lost to the person: the page is still `sent`, so the phone gets
 * it again when it reconnects (the replay of unread pages) and confirms it again.
 */
export interface DeliveryReceipts {
  /** Notes that a phone confirmed page `pageId`; it is written with others shortly. */
  delivered(pageId: string): void;
  /**
   * Runs a send and the transaction recording it; the receipts of its pages wait until it is done,
   * so a page is marked sent before it is marked delivered. Other pages' receipts do not wait.
   */
  gate: SendGate;
  /** Writes every receipt noted so far and waits for it. */
  flush(): Promise<void>;
  /** Writes what is left and takes no further timer (receipts noted after are written by `flush`). */
  close(): Promise<void>;
}

/**
 * Records in `changes` that the pages of `ids` reached a phone at `changes.now`: a page read,
 * cancelled or already delivered is left as it is; one never sent before (the replay on connect was
 * its send) also gets its `page.sent` event.
 */
export async function recordDeliveries(changes: ChangeSet, ids: readonly string[]): Promise<void> {
  const wanted = (page: Page) => !page.deliveredAt && page.state !== 'read' && page.state !== 'cancelled';
  const first = (await changes.tx.getPages(ids)).filter(wanted);
  // Lock order: every incident before its pages, as everywhere; then read the pages again under it.
  for (const incidentId of [...new Set(first.map((p) => p.incidentId))].sort()) {
    const incident = await changes.tx.getIncident(incidentId);
    if (incident) changes.read(incident);
  }
  const at = changes.now.toISOString();
  const events = createTimelineBuffer(changes);
  for (const page of (await changes.tx.getPages(first.map((p) => p.id))).filter(wanted).sort((a, b) => a.id.localeCompare(b.id))) {
    const { id: pageId, incidentId, userId, channel, level } = page;
    const delivered = await changes.tx.updatePage(pageId, { state: 'delivered', deliveredAt: at, sentAt: page.sentAt ?? at });
    if (delivered) changes.page(delivered);
    if (page.sentAt === null) {
      events.add(incidentId, 'page.sent', SYSTEM, { pageId, userId, channel, level, replayed: true });
    }
    events.add(incidentId, 'page.delivered', { type: 'user', id: userId }, { pageId, channel });
  }
  await events.flush();
}

/** Creates the write-behind of delivery receipts. */
export function createDeliveryReceipts(deps: DeliveryReceiptDeps): DeliveryReceipts {
  const delayMs = deps.delayMs ?? 5;
  const maxBatch = deps.maxBatch ?? 1_000;
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;
  /** Pages being sent now, with how many sends of each are under way. */
  const sending = new Map<string, number>();
  let released: (() => void)[] = [];

  /** Resolves once some send under way has been recorded. */
  const aSendEnds = () => new Promise<void>((resolve) => released.push(resolve));

  const writeOnce = async () => {
    let ids = [...pending].filter((id) => !sending.has(id)).slice(0, maxBatch);
    // Every receipt waiting is for a page still being sent: wait for a send to be recorded.
    if (ids.length === 0 && pending.size > 0) {
      await aSendEnds();
      ids = [...pending].filter((id) => !sending.has(id)).slice(0, maxBatch);
    }
    for (const id of ids) pending.delete(id);
    if (ids.length === 0) return;
    try {
      const record = (changes: ChangeSet) => recordDeliveries(changes, ids);
      await commitGrouped(deps, record);
    } catch (error) {
      // The pages stay `sent`: the replay on reconnect sends them again and the phone confirms again.
      deps.log.error({ err: error, pages: ids.length }, 'recording deliveries failed');
    }
  };

  const write = (): Promise<void> => {
    writing ??= (async () => {
      while (pending.size > 0) await writeOnce();
    })().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    // A write under way may have started before the last receipts came in: write until none is left.
    while (writing || pending.size > 0) await write();
  };

  return {
    delivered(pageId) {
      pending.add(pageId);
      if (timer || closed) return;
      timer = setTimeout(() => {
        timer = undefined;
        void write();
      }, delayMs);
      timer.unref?.();
    },
    async gate(pageIds, work) {
      for (const id of pageIds) sending.set(id, (sending.get(id) ?? 0) + 1);
      try {
        return await work();
      } finally {
        for (const id of pageIds) {
          const left = (sending.get(id) ?? 1) - 1;
          if (left > 0) sending.set(id, left);
          else sending.delete(id);
        }
        const waiting = released;
        released = [];
        waiting.forEach((resolve) => resolve());
      }
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}

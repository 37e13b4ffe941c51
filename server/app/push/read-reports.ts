import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { PushoverCallback } from '../../adapters/notify/pushover-callback.js';
import type { Escalator } from '../escalation/escalator.js';
import type { IncidentActions } from '../incidents/incident-actions.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import type { PageAction } from './action-links.js';

/**
 * Creates the read reports: a page read on the phone, through a signed action link (ntfy, Web Push
 * notification) or acknowledged in Pushover all end in the escalator's `pageRead`; after a read, the
 * person's other ringing deliveries of the same page that keep ringing on their own (Pushover
 * emergency receipts) are cancelled, so one read silences every channel.
 */
export function createReadReports(deps: {
  store: Store;
  escalator: Pick<Escalator, 'pageRead'>;
  actions: IncidentActions;
  /** The Pushover notifier when configured; its `cancel` stops an emergency page's repeats. */
  pushover: () => Notifier | undefined;
  log: Log;
}) {
  const cancelReceipts = async (pageId: string, except?: string) => {
    const page = await deps.store.getPage(pageId);
    const cancel = deps.pushover()?.cancel;
    if (!page || !cancel) return;
    const siblings = (await deps.store.listPages(page.incidentId)).filter((p) => p.pageKey === page.pageKey);
    for (const sibling of siblings) {
      for (const receipt of await deps.store.listPageReceipts(sibling.id)) {
        if (receipt.channel !== 'pushover' || receipt.receipt === except) continue;
        await cancel(receipt.receipt).catch((error: unknown) =>
          deps.log.warn({ err: error, pageId: sibling.id }, 'cancelling a Pushover receipt failed'),
        );
      }
    }
  };

  const pageRead = async (userId: string, pageId: string, exceptReceipt?: string): Promise<CommandResult<undefined>> => {
    const result = await deps.escalator.pageRead(userId, pageId);
    if (result.ok) await cancelReceipts(pageId, exceptReceipt);
    return result;
  };

  return {
    pageRead: (userId: string, pageId: string) => pageRead(userId, pageId),

    /** Carries out a verified action link: read the page, or read it and acknowledge its incident. */
    async fromLink(action: PageAction, pageId: string): Promise<CommandResult<undefined>> {
      const page = await deps.store.getPage(pageId);
      const user = page && (await deps.store.getUser(page.userId));
      if (!page || !user) return { ok: false, error: { code: 'not_found', message: 'no such page' } };
      const read = await pageRead(user.id, page.id);
      if (!read.ok || action === 'read') return read;
      const acked = await deps.actions.acknowledge({ userId: user.id, role: user.role }, [page.incidentId]);
      return acked.ok ? { ok: true, value: undefined } : acked;
    },

    /** Records a Pushover acknowledgement (= read) of the page its receipt belongs to. */
    async fromPushover(callback: PushoverCallback): Promise<CommandResult<undefined>> {
      if (!callback.acknowledged) return { ok: true, value: undefined };
      const receipt = await deps.store.findPageReceipt(callback.receipt);
      const page = receipt && (await deps.store.getPage(receipt.pageId));
      if (!page) return { ok: false, error: { code: 'not_found', message: 'no page has this receipt', field: 'receipt' } };
      return pageRead(page.userId, page.id, callback.receipt);
    },
  };
}

/** The read reports, as `createReadReports` builds them. */
export type ReadReports = ReturnType<typeof createReadReports>;

import { pagedIncident } from '../../core/access/need-to-know.js';
import type { ChannelSender } from '../escalation/page-sender.js';
import type { Notifier } from '../ports/notifier.js';
import type { Store } from '../ports/store.js';
import { phonePageUrl } from '../push/page-message.js';

/**
 * The page sender's `slack` channel: a direct message to the person's linked Slack account through
 * the Slack notifier. A person without a link fails the page at once (not retryable: Klaxon has no
 * one to message); a confidential incident's page carries only the redacted paging text.
 */
export function createSlackPageSender(deps: { store: Pick<Store, 'getSlackLinkOfUser' | 'getService'>; notifier: Notifier; baseUrl: () => string }): ChannelSender {
  return async (page, incident, user, attempt) => {
    const link = await deps.store.getSlackLinkOfUser(user.id);
    if (!link) return { status: 'failed', error: `${user.id} has no linked Slack account`, retryable: false };
    const serviceName = (await deps.store.getService(incident.serviceId))?.name ?? incident.serviceId;
    const openUrl = phonePageUrl(deps.baseUrl(), page.id);
    const result = await deps.notifier.send(
      { channel: 'slack', target: link.slackUserId },
      {
        pageId: page.id,
        incidentId: incident.id,
        userId: user.id,
        attempt: Math.max(1, attempt),
        priority: incident.priority,
        summary: pagedIncident(incident, serviceName).summary,
        serviceName,
        createdAt: page.createdAt,
        openUrl,
        // Slack's Read button reports the read through the app; the page's link opens the phone app.
        actions: { read: openUrl, acknowledge: openUrl },
      },
    );
    return result.ok ? { status: 'sent' } : { status: 'failed', error: result.error, retryable: result.retryable };
  };
}

import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import type { SlackApi } from '../../app/ports/slack-api.js';
import { pageMessage } from '../slack/incident-blocks.js';

/** Slack error codes that no retry mends (the person, the DM or the token is gone or wrong). */
const PERMANENT = ['user_not_found', 'channel_not_found', 'not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'user_disabled', 'cannot_dm_bot', 'missing_scope', 'not_allowed_token_type'];

/**
 * The Slack direct-message channel behind the notifier interface: opens the DM with the person's
 * linked Slack user (`contact.target`) and posts the page with a Read button (its value the page id)
 * and "Open in Klaxon". The message is the page as every channel renders it, so a confidential
 * incident's page says only that it is confidential. Never throws for a failed delivery.
 */
export function createSlackDmNotifier(deps: { api: SlackApi }): Notifier {
  return {
    channel: 'slack',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      try {
        const dm = await deps.api.openDirectMessage(contact.target);
        await deps.api.postMessage(
          dm,
          pageMessage({
            pageId: message.pageId,
            priority: message.priority,
            summary: message.summary,
            serviceName: message.serviceName,
            attempt: message.attempt,
            openUrl: message.openUrl,
          }),
        );
        return { ok: true };
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        return { ok: false, error: text, retryable: !PERMANENT.some((code) => text.includes(code)) };
      }
    },
  };
}

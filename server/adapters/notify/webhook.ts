import type { Clock } from '../../app/ports/clock.js';
import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import {
  DEFAULT_TIMEOUT_MS,
  callService,
  failureForStatus,
  isSendFailure,
  readText,
  type Fetch,
} from './service-call.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhookBody } from './webhook-signature.js';

/** What the webhook notifier needs. */
export interface WebhookNotifierDeps {
  /** Sends the request; the guarded outbound fetch (no allow-list) when not given. */
  fetch?: Fetch;
  /** Stamps each delivery (and reads Retry-After dates). */
  clock: Pick<Clock, 'now'>;
  timeoutMs?: number;
}

/** The JSON a person's webhook receives for a page. */
export interface WebhookDelivery {
  type: 'page';
  page: PageMessage;
}

/**
 * Creates the webhook notifier: the contact's target is the URL and its secret the signing key.
 * Each page is POSTed as `{ type: 'page', page }` with `X-Klaxon-Timestamp` and
 * `X-Klaxon-Signature` (see `verifyWebhookSignature`). 2xx is delivered; 408, 429 and 5xx are
 * retryable; any other answer is not. The answer's body is never put in the result (the destination
 * is the person's, and could otherwise be read through test pages).
 */
export function createWebhookNotifier(deps: WebhookNotifierDeps): Notifier {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchFn = deps.fetch ?? createOutboundFetch();
  return {
    channel: 'webhook',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      if (!contact.secret) return { ok: false, retryable: false, error: 'the webhook contact has no signing secret' };
      if (!/^https?:\/\//i.test(contact.target) || !URL.canParse(contact.target)) {
        return { ok: false, retryable: false, error: 'not an http(s) webhook URL' };
      }
      const delivery: WebhookDelivery = { type: 'page', page: message };
      const body = JSON.stringify(delivery);
      const timestamp = String(Math.floor(deps.clock.now().getTime() / 1000));
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'Klaxon-Webhook/1',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhookBody(contact.secret, timestamp, body),
      };

      const answer = await callService(fetchFn, contact.target, { method: 'POST', headers, body }, timeoutMs);
      if (isSendFailure(answer)) return answer;
      // The body is drained so the connection can be reused; its content is neither needed nor echoed.
      await readText(answer);
      if (answer.ok) return { ok: true };
      return failureForStatus(answer, `webhook ${answer.status}`, deps.clock.now());
    },
  };
}

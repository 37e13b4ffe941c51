import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import { pageCode } from '../../core/phone-replies/reply-code.js';
import type { TwilioClient } from '../twilio/twilio-client.js';

/** What the SMS notifier needs. */
export interface TwilioSmsNotifierDeps {
  client: TwilioClient;
  /** The account's number pages are sent from (E.164). */
  from: string;
  /** Where the provider POSTs delivery statuses (the relay's `/twilio/status/sms`). */
  statusCallbackUrl: () => string;
  /** Hears how many segments each sent SMS took (what the provider bills). */
  onSegments?: (segments: number) => Promise<void> | void;
}

/** The longest summary an SMS page carries; with the header and reply line the page stays within ~3 segments. */
const MAX_SUMMARY = 300;

/**
 * Renders a page as SMS text: priority, service and summary (already redacted for a confidential
 * incident), then the reply line with the page's code, e.g.
 * `Klaxon HIGH · Mail: Disk full on mx1. Reply 1 read, 2 ack, 3 can't take it (code 4821)`.
 */
export function renderSmsText(message: PageMessage): string {
  const repeat = message.attempt > 1 ? ` (repeat ${message.attempt})` : '';
  const summary = message.summary.length > MAX_SUMMARY ? `${message.summary.slice(0, MAX_SUMMARY - 1)}…` : message.summary;
  return `Klaxon ${message.priority.toUpperCase()}${repeat} · ${message.serviceName}: ${summary}\nReply 1 read, 2 ack, 3 can't take it (code ${pageCode(message.pageId)})`;
}

/**
 * Creates the SMS notifier: one message per page to the contact's E.164 number; the receipt is the
 * message SID, so delivery statuses find the page. Failures come back as results, never thrown.
 */
export function createTwilioSmsNotifier(deps: TwilioSmsNotifierDeps): Notifier {
  return {
    channel: 'sms',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      if (!/^\+[1-9]\d{6,14}$/.test(contact.target)) return { ok: false, retryable: false, error: 'not an E.164 phone number' };
      const sent = await deps.client.sendMessage({ to: contact.target, from: deps.from, body: renderSmsText(message), statusCallback: deps.statusCallbackUrl() });
      if (!sent.ok) return sent;
      await deps.onSegments?.(sent.segments);
      return { ok: true, receipt: sent.sid };
    },
  };
}

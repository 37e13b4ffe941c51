import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import { pageCode } from '../../core/phone-replies/reply-code.js';
import { PART_LENGTH, smsLength } from '../twilio/sms-encoding.js';
import type { TwilioClient } from '../twilio/twilio-client.js';
import { E164_PATTERN } from '../../../shared/schemas/phone-number.js';

/** What the SMS notifier needs. */
export interface TwilioSmsNotifierDeps {
  client: TwilioClient;
  /** The account's number pages are sent from (E.164). */
  from: string;
  /** Where the provider POSTs delivery statuses (the relay's `/twilio/status/sms`). */
  statusCallbackUrl: () => string;
  /**
   * Hears how many segments each sent SMS took (what the provider bills). Its failure is its own: the
   * SMS already went out, so the send still succeeds (a failed send would be retried: a second, paid SMS).
   */
  onSegments?: (segments: number) => Promise<void> | void;
}

/** The most parts an SMS page is sent as (each part is billed); the summary is cut to fit. */
export const MAX_SMS_PARTS = 3;

/** The longest service name an SMS page names; longer ones are cut. */
const MAX_SERVICE = 60;

/** Cuts `text` to at most `max` characters (whole code points), marking the cut with "...". */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 3)).join('')}...` : text;
}

/**
 * Renders a page as SMS text: priority, service and summary (already redacted for a confidential
 * incident), then the reply line with the page's code, e.g.
 * `Klaxon HIGH - Mail: Disk full on mx1` / `Reply 1 read, 2 ack, 3 can't take it (code 4821)`.
 * Its own words are all GSM-7, and the summary is cut so that the page takes at most
 * `MAX_SMS_PARTS` parts: 3 x 153 characters, or 3 x 67 when the summary needs UCS-2 (an emoji, say).
 */
export function renderSmsText(message: PageMessage): string {
  const repeat = message.attempt > 1 ? ` (repeat ${message.attempt})` : '';
  const head = `Klaxon ${message.priority.toUpperCase()}${repeat} - ${clip(message.serviceName, MAX_SERVICE)}: `;
  const tail = `\nReply 1 read, 2 ack, 3 can't take it (code ${pageCode(message.pageId)})`;
  const whole = head + message.summary + tail;
  const { encoding, units } = smsLength(whole);
  const budget = MAX_SMS_PARTS * PART_LENGTH[encoding];
  if (units <= budget) return whole;
  // Over budget: cut the summary by the excess (GSM-7 extension characters count twice, hence the loop).
  let room = Array.from(message.summary).length - (units - budget);
  for (;;) {
    const text = head + clip(message.summary, room) + tail;
    if (smsLength(text).units <= budget || room <= 0) return text;
    room -= 1;
  }
}

/**
 * Creates the SMS notifier: one message per page to the contact's E.164 number; the receipt is the
 * message SID, so delivery statuses find the page. Failures come back as results, never thrown.
 */
export function createTwilioSmsNotifier(deps: TwilioSmsNotifierDeps): Notifier {
  return {
    channel: 'sms',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      if (!E164_PATTERN.test(contact.target)) return { ok: false, retryable: false, error: 'not an E.164 phone number' };
      const sent = await deps.client.sendMessage({ to: contact.target, from: deps.from, body: renderSmsText(message), statusCallback: deps.statusCallbackUrl() });
      if (!sent.ok) return sent;
      try {
        await deps.onSegments?.(sent.segments);
      } catch {
        // Counted by the caller, which logs its own failures (see wire-twilio.ts); the page was sent.
      }
      return { ok: true, receipt: sent.sid };
    },
  };
}

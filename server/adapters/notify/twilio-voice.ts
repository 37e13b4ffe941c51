import type { ContactAddress, Notifier, PageMessage, SendResult } from '../../app/ports/notifier.js';
import type { TwilioClient } from '../twilio/twilio-client.js';
import { E164_PATTERN } from '../../../shared/schemas/phone-number.js';

/** What the voice notifier needs. */
export interface TwilioVoiceNotifierDeps {
  client: TwilioClient;
  /** The account's number calls come from (E.164). */
  from: string;
  /** The relay's address as the provider reaches it (callbacks are under `/twilio/…`). */
  publicBase: () => string;
  /** Seconds a call rings before it counts as not answered; 30 when not given. */
  ringSeconds?: number;
}

/**
 * Creates the voice notifier: places a call whose script the provider fetches from the relay
 * (`/twilio/voice/<pageId>`, which reads the summary — redacted for a confidential incident — and
 * takes one key), with answering-machine detection and a status callback for unanswered calls. The
 * receipt is the call SID.
 */
export function createTwilioVoiceNotifier(deps: TwilioVoiceNotifierDeps): Notifier {
  return {
    channel: 'voice',
    async send(contact: ContactAddress, message: PageMessage): Promise<SendResult> {
      if (!E164_PATTERN.test(contact.target)) return { ok: false, retryable: false, error: 'not an E.164 phone number' };
      const base = deps.publicBase();
      const call = await deps.client.createCall({
        to: contact.target,
        from: deps.from,
        url: `${base}/twilio/voice/${encodeURIComponent(message.pageId)}`,
        statusCallback: `${base}/twilio/status/voice`,
        timeoutSeconds: deps.ringSeconds ?? 30,
      });
      return call.ok ? { ok: true, receipt: call.sid } : call;
    },
  };
}

import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import { contactAddressFor, type ContactChannel } from '../../adapters/notify/contact-address.js';
import type { ChannelOutcome, ChannelSender } from '../escalation/page-sender.js';
import type { Clock } from '../ports/clock.js';
import type { Notifier, PageMessage, SendResult } from '../ports/notifier.js';
import type { StoreSession } from '../ports/store.js';
import type { SendsInFlight } from './sends-in-flight.js';

/** Builds the message a page is sent as (service name, signed action links, the phone app's URL). */
export type PageMessageFactory = (page: Page, incident: Incident, attempt: number) => Promise<PageMessage>;

/** Turns a notifier's result into the page sender's outcome. */
export function outcomeOf(result: SendResult): ChannelOutcome {
  return result.ok ? { status: 'sent' } : { status: 'failed', error: result.error, retryable: result.retryable };
}

/**
 * Makes the page sender's channel sender for a contact channel (ntfy, Pushover, webhook): it reads
 * the person's contact for the channel, sends through the notifier (already wrapped in retry and the
 * per-contact rate limit) and records the channel's receipt against the page, so a Pushover
 * acknowledgement finds its page and a read elsewhere cancels Pushover's repeats. A person without
 * the contact, or a relay without the channel configured, fails the page for good with a clear reason.
 */
export function createContactSender(deps: {
  channel: ContactChannel;
  /** The channel's notifier, or undefined when this relay has no settings for it. */
  notifier: () => Notifier | undefined;
  store: Pick<StoreSession, 'getContacts' | 'insertPageReceipt'>;
  message: PageMessageFactory;
  clock: Clock;
  /** Counts each send until its receipt is written (a provider's callback may come before). */
  inFlight?: SendsInFlight;
}): ChannelSender {
  return async (page, incident, user, attempt) => {
    const notifier = deps.notifier();
    if (!notifier) return { status: 'failed', error: `the ${deps.channel} channel is not set up on this relay`, retryable: false };
    const address = contactAddressFor(deps.channel, (await deps.store.getContacts(user.id)) ?? {});
    if (!address) return { status: 'failed', error: `${user.id} has no ${deps.channel} contact set up`, retryable: false };
    const message = await deps.message(page, incident, attempt);
    const send = async () => {
      const result = await notifier.send(address, message);
      if (result.ok && result.receipt) {
        await deps.store.insertPageReceipt({ receipt: result.receipt, pageId: page.id, channel: deps.channel, createdAt: deps.clock.now() });
      }
      return result;
    };
    return outcomeOf(await (deps.inFlight ? deps.inFlight.track(send()) : send()));
  };
}

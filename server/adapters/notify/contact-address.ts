import type { ContactAddress } from '../../app/ports/notifier.js';
import type { Contacts, WebPushSubscription } from '../../../shared/schemas/contact.js';
import { pushoverTarget } from './pushover-api.js';

/** The channels whose address comes from a person's `Contacts`. */
export type ContactChannel = 'ntfy' | 'pushover' | 'webhook' | 'sms' | 'voice';

/**
 * Turns a person's contact for one channel into the address that channel's notifier takes, or
 * undefined when the person has not set that channel up (the notification rule is then skipped).
 */
export function contactAddressFor(channel: ContactChannel, contacts: Contacts): ContactAddress | undefined {
  switch (channel) {
    case 'ntfy':
      return contacts.ntfy && { channel, target: contacts.ntfy.url, ...(contacts.ntfy.token ? { secret: contacts.ntfy.token } : {}) };
    case 'pushover':
      return contacts.pushover && { channel, target: pushoverTarget(contacts.pushover) };
    case 'webhook':
      return contacts.webhook && { channel, target: contacts.webhook.url, secret: contacts.webhook.secret };
    case 'sms':
    case 'voice':
      return contacts.phone && { channel, target: contacts.phone.number };
  }
}

/** Turns a stored browser push subscription into the Web Push notifier's address. */
export function webPushAddress(subscription: WebPushSubscription): ContactAddress {
  return { channel: 'push', target: JSON.stringify({ endpoint: subscription.endpoint, keys: subscription.keys }) };
}

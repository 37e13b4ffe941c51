import { webPushAddress } from '../../adapters/notify/contact-address.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { ChannelSender } from '../escalation/page-sender.js';
import type { Notifier, PageMessage, SendResult } from '../ports/notifier.js';
import type { StoreSession } from '../ports/store.js';
import type { PageMessageFactory } from './contact-sender.js';

/** What one Web Push send to one subscription came to. */
export interface WebPushDelivery {
  endpoint: string;
  result: SendResult;
}

/**
 * Sends a message to every Web Push subscription of a person; a subscription the push service calls
 * gone (404/410) is removed at once, so it is never tried again.
 */
export async function sendToSubscriptions(
  deps: { webPush: Notifier; store: Pick<StoreSession, 'listPushSubscriptions' | 'deletePushSubscription'>; log: Log },
  userId: string,
  /** The message, built only when there is a subscription to send it to. */
  message: () => Promise<PageMessage>,
): Promise<WebPushDelivery[]> {
  const subscriptions = await deps.store.listPushSubscriptions(userId);
  if (subscriptions.length === 0) return [];
  const built = await message();
  return Promise.all(
    subscriptions.map(async (subscription) => {
      const result = await deps.webPush.send(webPushAddress(subscription), built);
      if (!result.ok && result.gone) {
        await deps.store.deletePushSubscription(subscription.endpoint);
        deps.log.info({ userId, endpoint: subscription.endpoint }, 'push subscription gone; removed');
      } else if (!result.ok) {
        deps.log.warn({ userId, endpoint: subscription.endpoint, error: result.error }, 'web push send failed');
      }
      return { endpoint: subscription.endpoint, result };
    }),
  );
}

/**
 * The Web Push part of the `push` channel: a send to each of the person's subscriptions, so that the
 * service worker shows the page when the app is closed. Sent when one reached a phone; otherwise
 * `unreachable` (a failed Web Push is not a failed page: the repeat or the socket replay tries again).
 */
export function createWebPushSender(deps: {
  webPush: Notifier;
  store: Pick<StoreSession, 'listPushSubscriptions' | 'deletePushSubscription'>;
  message: PageMessageFactory;
  log: Log;
}): ChannelSender {
  return async (page, incident, user, attempt) => {
    const deliveries = await sendToSubscriptions(deps, user.id, () => deps.message(page, incident, attempt));
    return deliveries.some((d) => d.result.ok) ? { status: 'sent' } : { status: 'unreachable' };
  };
}

/**
 * The `push` channel: the phone app's socket when it is open, and Web Push to each of the person's
 * subscriptions so that the service worker shows the page when the app is closed. The page counts as
 * sent when either reached a phone; it stays queued (replayed on connect) when neither did.
 */
export function createPhoneSender(deps: {
  socket: ChannelSender;
  /** The Web Push notifier, or undefined when Web Push is off on this relay. */
  webPush: Notifier | undefined;
  store: Pick<StoreSession, 'listPushSubscriptions' | 'deletePushSubscription'>;
  message: PageMessageFactory;
  log: Log;
}): ChannelSender {
  const webPush = deps.webPush && createWebPushSender({ ...deps, webPush: deps.webPush });
  return async (page, incident, user, attempt) => {
    const socket = await deps.socket(page, incident, user, attempt);
    if (!webPush) return socket;
    const web = await webPush(page, incident, user, attempt);
    return web.status === 'sent' ? web : socket;
  };
}

import type { Channel } from '../../../shared/schemas/user.js';
import type { Store } from '../ports/store.js';

/**
 * Tells why a person cannot be reached on a channel at all (not just right now), or null when they
 * can be. Used when a send finds nobody to ring, to tell "phone offline, replay it when it connects"
 * from "there is no phone to wait for".
 */
export type Reachability = (userId: string, channel: Channel) => Promise<string | null>;

/**
 * The store's answer: on `push`, a person with neither a paired phone (not revoked) nor a Web Push
 * subscription has nothing that could ever receive the page. Other channels fail on their own when
 * their contact or server is missing, so they always count as reachable here.
 */
export function createReachability(store: Pick<Store, 'listDevices' | 'listPushSubscriptions'>): Reachability {
  return async (userId, channel) => {
    if (channel !== 'push') return null;
    const [devices, subscriptions] = await Promise.all([store.listDevices(userId), store.listPushSubscriptions(userId)]);
    if (devices.some((d) => d.revokedAt === null) || subscriptions.length > 0) return null;
    return `${userId} has no paired phone and no push subscription`;
  };
}

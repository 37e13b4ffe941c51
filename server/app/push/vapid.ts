import { generateVapidKeys, type VapidDetails } from '../../adapters/notify/web-push.js';
import type { StoreSession } from '../ports/store.js';

/** The setting under which the relay keeps its VAPID key pair (JSON), made once. */
export const VAPID_SETTING = 'phones.vapid-keys';

/**
 * Reads the relay's VAPID key pair, generating and storing it on first start: the key must never
 * change, or every browser's push subscription (made with the public key) stops working.
 */
export async function loadVapidKeys(
  store: Pick<StoreSession, 'getSetting' | 'setSetting'>,
  subject: string,
): Promise<VapidDetails> {
  const read = async () => {
    const text = await store.getSetting(VAPID_SETTING);
    if (!text) return undefined;
    const keys = JSON.parse(text) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') {
      throw new Error(`the stored ${VAPID_SETTING} setting is not a VAPID key pair`);
    }
    return { publicKey: keys.publicKey, privateKey: keys.privateKey, subject };
  };
  const existing = await read();
  if (existing) return existing;
  await store.setSetting(VAPID_SETTING, JSON.stringify(generateVapidKeys()));
  return (await read())!;
}

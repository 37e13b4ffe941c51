import { WebPushSubscriptionSchema } from '../../shared/schemas/contact.js';
import type { PhoneApi } from './phone-api.js';

/** What turning on notifications came to, in words for the person holding the phone. */
export type PushSetupResult = { ok: true } | { ok: false; reason: string };

/** Turns the VAPID public key (base64url) into the bytes `pushManager.subscribe` takes. */
export function vapidKeyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Registers the phone app's service worker (scope `/m/`); resolves undefined where there is none. */
export async function registerServiceWorker(win: Window): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in win.navigator)) return undefined;
  return win.navigator.serviceWorker.register(new URL('sw.js', win.location.href.split('#')[0]).pathname, { scope: './' });
}

/**
 * Turns on Web Push for this phone: asks permission (call it from a tap), subscribes with the relay's
 * VAPID key and hands the subscription to the relay, so the service worker shows pages while the app
 * is closed.
 */
export async function enableWebPush(win: Window & typeof globalThis, api: PhoneApi, token: string): Promise<PushSetupResult> {
  if (!('PushManager' in win) || !('Notification' in win)) return { ok: false, reason: 'This browser cannot receive push notifications' };
  const registration = await registerServiceWorker(win);
  if (!registration) return { ok: false, reason: 'This browser has no service workers' };
  const permission = await win.Notification.requestPermission();
  if (permission !== 'granted') return { ok: false, reason: 'Notifications are blocked for this app; allow them in the browser settings' };
  try {
    const key = await api.vapidPublicKey(token);
    const existing = await registration.pushManager.getSubscription();
    const subscription = existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: vapidKeyBytes(key) }));
    const parsed = WebPushSubscriptionSchema.safeParse(subscription.toJSON());
    if (!parsed.success) return { ok: false, reason: 'The browser gave a push subscription the relay cannot use' };
    await api.subscribe(token, parsed.data);
    return { ok: true };
  } catch (cause) {
    return { ok: false, reason: cause instanceof Error ? cause.message : String(cause) };
  }
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StoreSession } from '../ports/store.js';

/** What a signed action URL lets its holder do to one page without signing in. */
export type PageAction = 'read' | 'acknowledge';

/** The setting under which the relay keeps its action-signing key (base64url, made once). */
export const ACTION_KEY_SETTING = 'phones.action-signing-key';

/**
 * Reads the relay's action-signing key, making and storing one on first use. Two relays starting at
 * once on one database settle on whichever key was written first.
 */
export async function loadActionKey(store: Pick<StoreSession, 'getSetting' | 'setSetting'>): Promise<Buffer> {
  const existing = await store.getSetting(ACTION_KEY_SETTING);
  if (existing) return Buffer.from(existing, 'base64url');
  await store.setSetting(ACTION_KEY_SETTING, randomBytes(32).toString('base64url'));
  return Buffer.from((await store.getSetting(ACTION_KEY_SETTING))!, 'base64url');
}

/** Signs and checks the relay's unauthenticated action URLs. */
export interface ActionLinks {
  /** The signed read and acknowledge URLs for a page, valid for the link lifetime from `now`. */
  forPage(pageId: string, now: Date): { read: string; acknowledge: string };
  /** Tells whether `sig` signs `action` on `pageId` until `exp` (unix seconds) and `now` is before `exp`. */
  verify(action: PageAction, pageId: string, exp: string, sig: string, now: Date): boolean;
  /** The URL Pushover calls back when an emergency page is acknowledged (a secret path segment). */
  pushoverCallbackUrl(): string;
  /** Tells whether a Pushover callback's path secret is this relay's. */
  verifyPushoverSecret(secret: string): boolean;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Creates the action-link signer: HMAC-SHA256 over the action, page id and expiry, so a link names
 * exactly one thing it may do and stops working after `ttlSeconds` (a day by default). `baseUrl` is
 * read at each call, because the relay learns its own address only once it listens.
 */
export function createActionLinks(deps: { key: Buffer; baseUrl: () => string; ttlSeconds?: number }): ActionLinks {
  const ttl = deps.ttlSeconds ?? 86_400;
  const mac = (text: string) => createHmac('sha256', deps.key).update(text).digest('base64url');
  const sign = (action: string, pageId: string, exp: string) => mac(`${action}\n${pageId}\n${exp}`);
  const pushoverSecret = mac('pushover-callback').slice(0, 32);
  const link = (action: PageAction, pageId: string, exp: string) =>
    `${deps.baseUrl()}/actions/pages/${encodeURIComponent(pageId)}/${action}?exp=${exp}&sig=${sign(action, pageId, exp)}`;

  return {
    forPage(pageId, now) {
      const exp = String(Math.floor(now.getTime() / 1000) + ttl);
      return { read: link('read', pageId, exp), acknowledge: link('acknowledge', pageId, exp) };
    },
    verify(action, pageId, exp, sig, now) {
      if (!/^\d{1,12}$/.test(exp) || Number(exp) * 1000 <= now.getTime()) return false;
      return same(sign(action, pageId, exp), sig);
    },
    pushoverCallbackUrl: () => `${deps.baseUrl()}/actions/pushover/${pushoverSecret}`,
    verifyPushoverSecret: (secret) => same(pushoverSecret, secret),
  };
}

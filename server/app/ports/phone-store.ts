import type { Contacts } from '../../../shared/schemas/contact.js';
import type { Channel } from '../../../shared/schemas/user.js';

/** A one-time pairing code as stored: only its SHA-256, with its owner and lifetime. */
export interface PairingCodeRecord {
  codeHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A browser's Web Push subscription, kept under its endpoint (unique per browser and app). */
export interface PushSubscriptionRecord {
  endpoint: string;
  userId: string;
  /** The paired device that subscribed, when it signed in with a device token. */
  deviceId: string | null;
  keys: { p256dh: string; auth: string };
  createdAt: Date;
}

/** A channel's receipt for a page (e.g. a Pushover emergency receipt), to find the page again. */
export interface PageReceiptRecord {
  receipt: string;
  pageId: string;
  channel: Channel;
  createdAt: Date;
}

/** The reads and writes of phone pairing, push subscriptions, contacts and page receipts. */
export interface PhoneSession {
  /** Stores a new pairing code. */
  insertPairingCode(code: PairingCodeRecord): Promise<void>;
  /**
   * Marks a code used at `now` and answers it, when it exists, is unused and has not expired at `now`;
   * answers undefined otherwise. Only one of several concurrent redeems of the same code succeeds.
   */
  redeemPairingCode(codeHash: string, now: Date): Promise<PairingCodeRecord | undefined>;
  /** Adds a subscription or replaces the one with the same endpoint (a browser re-subscribing). */
  savePushSubscription(subscription: PushSubscriptionRecord): Promise<void>;
  /** A person's subscriptions, oldest first. */
  listPushSubscriptions(userId: string): Promise<PushSubscriptionRecord[]>;
  /** Which of `userIds` have at least one Web Push subscription. */
  usersWithPushSubscriptions(userIds: readonly string[]): Promise<Set<string>>;
  /** Removes a subscription; an unknown endpoint is no error. */
  deletePushSubscription(endpoint: string): Promise<void>;
  /** Removes every subscription a device made (when the device is revoked). */
  deletePushSubscriptionsOfDevice(deviceId: string): Promise<void>;
  /** A person's contact methods, or undefined when they never set any. */
  getContacts(userId: string): Promise<Contacts | undefined>;
  /** Replaces a person's contact methods. */
  setContacts(userId: string, contacts: Contacts, at: Date): Promise<void>;
  /** Records a channel's receipt for a page; the same receipt again is ignored. */
  insertPageReceipt(receipt: PageReceiptRecord): Promise<void>;
  findPageReceipt(receipt: string): Promise<PageReceiptRecord | undefined>;
  /** Every receipt of a page, oldest first. */
  listPageReceipts(pageId: string): Promise<PageReceiptRecord[]>;
}

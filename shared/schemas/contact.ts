import { z } from 'zod';
import { PhoneNumberSchema } from './phone-number.js';

/** An absolute http or https URL, the only kinds the relay calls out to. */
const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'use an http:// or https:// URL' }).max(2048);

/** ntfy's rule for topic names: 1–64 letters, digits, "-" or "_". */
const NTFY_TOPIC = /^[-_A-Za-z0-9]{1,64}$/;

/**
 * A person's ntfy topic: the topic URL the phone app subscribes to (e.g. `https://ntfy.sh/klaxon-ana`)
 * and, for a protected server, an access token sent as `Authorization: Bearer`.
 */
export const NtfyContactSchema = z.object({
  url: HttpUrlSchema.refine((url) => NTFY_TOPIC.test(new URL(url).pathname.split('/').pop() ?? ''), {
    message: 'end the URL with the topic name (1–64 letters, digits, "-" or "_")',
  }),
  token: z.string().min(1).max(256).optional(),
});
export type NtfyContact = z.infer<typeof NtfyContactSchema>;

/**
 * A person's Pushover user (or group) key, 30 letters and digits, and optionally one device name to
 * page instead of all of the user's devices.
 */
export const PushoverContactSchema = z.object({
  userKey: z.string().regex(/^[A-Za-z0-9]{30}$/, 'use the 30-character Pushover user key'),
  device: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,25}$/, 'use a device name of 1–25 letters, digits, "-" or "_"')
    .optional(),
});
export type PushoverContact = z.infer<typeof PushoverContactSchema>;

/**
 * A person's own webhook: the URL the relay POSTs pages to and the secret it signs them with
 * (HMAC-SHA256, see the webhook notifier), at least 16 characters.
 */
export const WebhookContactSchema = z.object({
  url: HttpUrlSchema,
  secret: z.string().min(16, 'use a secret of at least 16 characters').max(512),
});
export type WebhookContact = z.infer<typeof WebhookContactSchema>;

/**
 * A person's phone number for the SMS and voice channels, normalised to E.164 at the boundary, and
 * optionally the most SMS and calls they want per hour (their quiet limit; the relay's per-contact
 * limit applies when not given).
 */
export const PhoneContactSchema = z.object({
  number: PhoneNumberSchema,
  maxPerHour: z.number().int().min(1).max(60).optional(),
});
export type PhoneContact = z.infer<typeof PhoneContactSchema>;

/**
 * The contact methods a person set up besides the phone app and e-mail; each is optional, and a
 * notification rule naming a channel without its contact here is skipped.
 */
export const ContactsSchema = z.object({
  ntfy: NtfyContactSchema.optional(),
  pushover: PushoverContactSchema.optional(),
  webhook: WebhookContactSchema.optional(),
  /** The phone number SMS and voice pages go to. */
  phone: PhoneContactSchema.optional(),
});
export type Contacts = z.infer<typeof ContactsSchema>;

/**
 * A browser's push subscription as `PushSubscription.toJSON()` gives it: the push service endpoint and
 * the keys (base64url) the relay encrypts payloads to (RFC 8291).
 */
export const WebPushSubscriptionSchema = z.object({
  endpoint: HttpUrlSchema,
  /** Milliseconds since the epoch when the subscription ends, or null; browsers send it, the relay ignores it. */
  expirationTime: z.number().nullable().optional(),
  // Lengths are checked as text (shared/ has no Buffer); some browsers pad base64url, so "=" is allowed.
  keys: z.object({
    /** The browser's P-256 public key, uncompressed point (65 bytes, 87 base64url characters). */
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{87}=?$/, 'use the 65-byte P-256 public key in base64url'),
    /** The 16-byte authentication secret (22 base64url characters). */
    auth: z.string().regex(/^[A-Za-z0-9_-]{22}(?:==)?$/, 'use the 16-byte auth secret in base64url'),
  }),
});
export type WebPushSubscription = z.infer<typeof WebPushSubscriptionSchema>;

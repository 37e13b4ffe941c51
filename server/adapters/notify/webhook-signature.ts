import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signing time, Unix seconds. */
export const TIMESTAMP_HEADER = 'X-Klaxon-Timestamp';
/** The header that carries `sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. */
export const SIGNATURE_HEADER = 'X-Klaxon-Signature';

/**
 * Signs a webhook body: `sha256=` and the hex HMAC-SHA256, keyed with the contact's secret, of the
 * timestamp, a dot and the exact body bytes (binding the time stops replays of an old delivery).
 */
export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a received webhook for receivers (and tests): the signature must match the body as received
 * and the timestamp must lie within `toleranceSeconds` of `now`, either way. Compares in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  now: Date | number,
  toleranceSeconds = 300,
): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const nowSeconds = (typeof now === 'number' ? now : now.getTime()) / 1000;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

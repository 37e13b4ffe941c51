import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Computes Twilio's request signature (`X-Twilio-Signature`) of a form-encoded callback: the full
 * URL the provider called, then each POST parameter's name and value appended in name order, signed
 * with HMAC-SHA1 under the account's auth token, in base64.
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const [name, value] of sorted) data += name + value;
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Tells whether a callback carries a valid signature for `url` and its parameters; compares in
 * constant time, so timing tells an attacker nothing about how much of a forged signature was right.
 */
export function verifyTwilioSignature(authToken: string, url: string, params: Iterable<[string, string]>, signature: string | undefined): boolean {
  if (!signature || signature.length > 200) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

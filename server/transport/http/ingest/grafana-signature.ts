import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Grafana puts its HMAC-SHA256 signature in, unless the integration names another. */
export const DEFAULT_GRAFANA_SIGNATURE_HEADER = 'x-grafana-alerting-signature';
/** The header with the timestamp Grafana signs along with the body, when it is configured to. */
export const GRAFANA_TIMESTAMP_HEADER = 'x-grafana-alerting-signature-timestamp';

/**
 * Checks a Grafana webhook signature: hex HMAC-SHA256 with the shared secret over the raw body, or
 * over "timestamp:body" when Grafana sent a timestamp header. Compares in constant time.
 */
export function verifyGrafanaSignature(
  secret: string,
  rawBody: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
): boolean {
  if (!signature) return false;
  const hmac = createHmac('sha256', secret);
  if (timestamp) hmac.update(`${timestamp}:`);
  const expected = hmac.update(rawBody).digest();
  const given = Buffer.from(signature.trim().replace(/^sha256=/i, ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

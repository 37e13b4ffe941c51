import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The headers Grafana puts its HMAC-SHA256 signature in when the contact point names none: its
 * signer's default is `X-Grafana-Alert-Signature`, its settings form suggests
 * `X-Grafana-Alerting-Signature`; both are read.
 */
export const DEFAULT_GRAFANA_SIGNATURE_HEADERS = ['x-grafana-alerting-signature', 'x-grafana-alert-signature'] as const;
/** The timestamp header read when the integration names none (Grafana has no default; it is set per contact point). */
export const DEFAULT_GRAFANA_TIMESTAMP_HEADER = 'x-grafana-alerting-signature-timestamp';
/** How old (or how far ahead of our clock) a signed timestamp may be; older requests are replays. */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

/** What a signed request carries, and the instant it is checked at. */
export interface SignedRequest {
  secret: string;
  rawBody: Buffer;
  signature: string | undefined;
  /** The value of the timestamp header (Unix seconds), when the request has one. */
  timestamp: string | undefined;
  nowMs: number;
}

/** The outcome of a signature check: good, or refused with the reason the 401 names. */
export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks a Grafana webhook signature as Grafana's signer makes it: hex HMAC-SHA256 with the shared
 * secret over the raw body, or over "timestamp:body" when a timestamp header was sent (Unix
 * seconds). Compares in constant time. A good signature over a timestamp older than
 * `SIGNATURE_MAX_AGE_MS` (or that far ahead) is refused as a replay; the signature is checked first,
 * so an unsigned caller learns nothing about the clock.
 */
export function checkGrafanaSignature(request: SignedRequest, maxAgeMs: number = SIGNATURE_MAX_AGE_MS): SignatureCheck {
  if (!request.signature) return { ok: false, reason: 'the request has no signature header' };
  const hmac = createHmac('sha256', request.secret);
  if (request.timestamp !== undefined) hmac.update(`${request.timestamp}:`);
  const expected = hmac.update(request.rawBody).digest();
  const given = Buffer.from(request.signature.trim().replace(/^sha256=/i, ''), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the signature does not match the integration secret' };
  }
  if (request.timestamp === undefined) return { ok: true };
  if (!/^\d{1,12}$/.test(request.timestamp.trim())) return { ok: false, reason: 'the signature timestamp is not a Unix time in seconds' };
  const ageMs = request.nowMs - Number(request.timestamp.trim()) * 1000;
  const window = `${Math.round(maxAgeMs / 1000)} s`;
  if (ageMs > maxAgeMs) return { ok: false, reason: `the signature timestamp is older than ${window} (a replayed request)` };
  if (ageMs < -maxAgeMs) return { ok: false, reason: `the signature timestamp is more than ${window} ahead of the relay's clock` };
  return { ok: true };
}

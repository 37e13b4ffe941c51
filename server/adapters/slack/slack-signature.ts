import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a request's timestamp may be from now before it counts as a replay (Slack's advice: 5 minutes). */
export const SLACK_REPLAY_WINDOW_SECONDS = 300;

/** What a signature check found: good, or why not (never which byte differed). */
export type SlackSignatureCheck = { ok: true } | { ok: false; reason: string };

/** Computes Slack's v0 request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Verifies a request from Slack (request URL mode): the `X-Slack-Request-Timestamp` must lie within
 * five minutes of `now` and `X-Slack-Signature` must be the v0 HMAC of the raw body, compared in
 * constant time.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
  now: Date;
}): SlackSignatureCheck {
  const { timestamp, signature } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-Slack-Request-Timestamp' };
  if (!signature || !/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'missing or malformed X-Slack-Signature' };
  const age = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (age > SLACK_REPLAY_WINDOW_SECONDS) return { ok: false, reason: 'X-Slack-Request-Timestamp is more than five minutes away (replay?)' };
  const expected = Buffer.from(slackSignature(input.signingSecret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'X-Slack-Signature does not match' };
  return { ok: true };
}

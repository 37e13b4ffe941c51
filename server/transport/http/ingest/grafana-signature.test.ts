import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkGrafanaSignature } from './grafana-signature.js';

const rawBody = Buffer.from('{"status":"firing"}');
const sign = (text: string) => createHmac('sha256', 'sekret-123').update(text).digest('hex');
const NOW = 1_700_000_000_000;
const check = (signature: string | undefined, timestamp: string | undefined, nowMs = NOW, secret = 'sekret-123') =>
  checkGrafanaSignature({ secret, rawBody, signature, timestamp, nowMs });

describe('checkGrafanaSignature', () => {
  it('accepts the signature over the body, and over timestamp:body', () => {
    expect(check(sign(rawBody.toString()), undefined)).toEqual({ ok: true });
    expect(check(sign(`1700000000:${rawBody}`), '1700000000')).toEqual({ ok: true });
  });

  it('refuses a missing, wrong or truncated signature, naming why', () => {
    expect(check(undefined, undefined)).toEqual({ ok: false, reason: 'the request has no signature header' });
    expect(check(sign(rawBody.toString()), undefined, NOW, 'other-secret')).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
    expect(check(sign(rawBody.toString()).slice(0, 20), undefined).ok).toBe(false);
    expect(check('not hex at all', undefined).ok).toBe(false);
  });

  it('refuses a well-signed timestamp older than five minutes as a replay, on the given clock', () => {
    const at = '1700000000';
    const signature = sign(`${at}:${rawBody}`);
    expect(check(signature, at, NOW + 5 * 60_000)).toEqual({ ok: true });
    expect(check(signature, at, NOW + 5 * 60_000 + 1)).toEqual({ ok: false, reason: 'the signature timestamp is older than 300 s (a replayed request)' });
    expect(check(signature, at, NOW - 5 * 60_000 - 1)).toMatchObject({ ok: false, reason: expect.stringMatching(/ahead of the relay's clock/) });
  });

  it('refuses a signed timestamp that is not Unix seconds', () => {
    const at = '2023-11-14T22:13:20Z';
    expect(check(sign(`${at}:${rawBody}`), at)).toEqual({ ok: false, reason: 'the signature timestamp is not a Unix time in seconds' });
  });

  it('does not let a replay drop its timestamp: the signature covered it', () => {
    expect(check(sign(`1600000000:${rawBody}`), undefined).ok).toBe(false);
  });
});

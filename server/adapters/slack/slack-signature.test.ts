import { describe, expect, it } from 'vitest';
import { slackSignature, verifySlackSignature } from './slack-signature.js';

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const EXPECTED = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const NOW = new Date(Number(TIMESTAMP) * 1000 + 30_000);

describe('Slack request signatures', () => {
  it('computes Slack\'s documented example signature', () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(EXPECTED);
  });

  it('accepts the right signature within five minutes', () => {
    expect(verifySlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, signature: EXPECTED, rawBody: BODY, now: NOW })).toEqual({ ok: true });
  });

  it('refuses a changed body, a wrong secret, a replay and malformed headers', () => {
    const check = (over: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
      verifySlackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, signature: EXPECTED, rawBody: BODY, now: NOW, ...over });
    expect(check({ rawBody: `${BODY}&x=1` })).toEqual({ ok: false, reason: 'X-Slack-Signature does not match' });
    expect(check({ signingSecret: 'other' }).ok).toBe(false);
    expect(check({ now: new Date(Number(TIMESTAMP) * 1000 + 301_000) })).toMatchObject({ ok: false, reason: expect.stringContaining('five minutes') });
    expect(check({ now: new Date(Number(TIMESTAMP) * 1000 - 301_000) }).ok).toBe(false);
    expect(check({ timestamp: undefined })).toMatchObject({ ok: false, reason: expect.stringContaining('Timestamp') });
    expect(check({ timestamp: '12abc' }).ok).toBe(false);
    expect(check({ signature: 'v0=short' })).toMatchObject({ ok: false, reason: expect.stringContaining('X-Slack-Signature') });
    expect(check({ signature: undefined }).ok).toBe(false);
  });
});

import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioSignature, verifyTwilioSignature } from './twilio-signature.js';

describe('X-Twilio-Signature', () => {
  const token = '12345678901234567890123456789012';
  const url = 'https://klaxon.example.com/twilio/sms?x=1';
  const params = { From: '+14155550101', Body: '2 4821', To: '+15005550006' };

  it('matches the official package', () => {
    expect(twilioSignature(token, url, Object.entries(params))).toBe(twilio.getExpectedTwilioSignature(token, url, params));
  });

  it('accepts the right signature and refuses a changed URL, parameter, token or none', () => {
    const good = twilio.getExpectedTwilioSignature(token, url, params);
    expect(verifyTwilioSignature(token, url, Object.entries(params), good)).toBe(true);
    expect(verifyTwilioSignature(token, 'https://evil.example.com/twilio/sms?x=1', Object.entries(params), good)).toBe(false);
    expect(verifyTwilioSignature(token, url, Object.entries({ ...params, Body: '1' }), good)).toBe(false);
    expect(verifyTwilioSignature('another-token', url, Object.entries(params), good)).toBe(false);
    expect(verifyTwilioSignature(token, url, Object.entries(params), undefined)).toBe(false);
    expect(verifyTwilioSignature(token, url, Object.entries(params), 'x'.repeat(500))).toBe(false);
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyGrafanaSignature } from './grafana-signature.js';

const body = Buffer.from('{"status":"firing"}');
const sign = (text: string) => createHmac('sha256', 'sekret-123').update(text).digest('hex');

describe('verifyGrafanaSignature', () => {
  it('accepts the signature over the body, and over timestamp:body', () => {
    expect(verifyGrafanaSignature('sekret-123', body, sign(body.toString()), undefined)).toBe(true);
    expect(verifyGrafanaSignature('sekret-123', body, sign(`1700000000:${body}`), '1700000000')).toBe(true);
  });

  it('refuses a missing, wrong or truncated signature', () => {
    expect(verifyGrafanaSignature('sekret-123', body, undefined, undefined)).toBe(false);
    expect(verifyGrafanaSignature('other-secret', body, sign(body.toString()), undefined)).toBe(false);
    expect(verifyGrafanaSignature('sekret-123', body, sign(body.toString()).slice(0, 20), undefined)).toBe(false);
    expect(verifyGrafanaSignature('sekret-123', body, 'not hex at all', undefined)).toBe(false);
  });
});

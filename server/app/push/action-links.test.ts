import { describe, expect, it } from 'vitest';
import { createActionLinks } from './action-links.js';

const links = createActionLinks({ key: Buffer.alloc(32, 7), baseUrl: () => 'https://klaxon.example', ttlSeconds: 60 });
const now = new Date('2030-01-01T00:00:00Z');

function partsOf(url: string) {
  const u = new URL(url);
  const [, , , pageId, action] = u.pathname.split('/');
  return { pageId: decodeURIComponent(pageId!), action: action as 'read' | 'acknowledge', exp: u.searchParams.get('exp')!, sig: u.searchParams.get('sig')! };
}

describe('action links', () => {
  it('signs one action on one page until it expires', () => {
    const { read, acknowledge } = links.forPage('pg/1', now);
    expect(read).toMatch(/^https:\/\/klaxon\.example\/actions\/pages\/pg%2F1\/read\?exp=\d+&sig=/);
    const r = partsOf(read);
    const a = partsOf(acknowledge);
    expect(links.verify('read', 'pg/1', r.exp, r.sig, now)).toBe(true);
    expect(links.verify('acknowledge', 'pg/1', a.exp, a.sig, now)).toBe(true);
    // The read signature does not acknowledge, nor read another page, nor live past its expiry.
    expect(links.verify('acknowledge', 'pg/1', r.exp, r.sig, now)).toBe(false);
    expect(links.verify('read', 'pg/2', r.exp, r.sig, now)).toBe(false);
    expect(links.verify('read', 'pg/1', String(Number(r.exp) + 1), r.sig, now)).toBe(false);
    expect(links.verify('read', 'pg/1', r.exp, r.sig, new Date(now.getTime() + 60_000))).toBe(false);
    expect(links.verify('read', 'pg/1', 'soon', r.sig, now)).toBe(false);
  });

  it('checks the Pushover callback secret, which another key does not share', () => {
    const secret = links.pushoverCallbackUrl().split('/').pop()!;
    expect(links.verifyPushoverSecret(secret)).toBe(true);
    expect(links.verifyPushoverSecret(`${secret}x`)).toBe(false);
    const other = createActionLinks({ key: Buffer.alloc(32, 8), baseUrl: () => 'https://klaxon.example' });
    expect(other.verifyPushoverSecret(secret)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { Contacts } from '../../../shared/schemas/contact.js';
import { createContactRateLimit, type ContactRateLimit } from '../../adapters/notify/contact-rate-limit.js';
import { makeIncident, makePage, makeUser } from '../../adapters/store/contract/fixtures.js';
import type { ChannelSender } from '../escalation/page-sender.js';
import { withQuietLimit } from './quiet-limit.js';

const HOUR = 3_600_000;
const incident = { ...makeIncident(), seq: 1 } as unknown as Parameters<ChannelSender>[1];
const page = makePage(incident.id, 0, { channel: 'sms' });

/** The SMS and voice senders of one relay behind the quiet limit, as wire-twilio builds them, on a manual clock. */
function setup(contacts: Record<string, Contacts>, defaultPerHour = 3) {
  let t = 0;
  const sent: string[] = [];
  const limiters = new Map<number, ContactRateLimit>();
  const limiterFor = (perHour: number) => {
    let limiter = limiters.get(perHour);
    if (!limiter) limiters.set(perHour, (limiter = createContactRateLimit({ limit: perHour, perMs: HOUR, now: () => t })));
    return limiter;
  };
  const store = { getContacts: async (userId: string) => contacts[userId] };
  // The provider refuses the next `failing` sends (a 503), then takes them.
  const provider = { failing: 0 };
  const sender = (channel: string): ChannelSender => async (_page, _incident, user) => {
    if (provider.failing > 0) {
      provider.failing -= 1;
      return { status: 'failed', retryable: true, error: 'Twilio answered 503' };
    }
    sent.push(`${channel} ${user.id}`);
    return { status: 'sent' };
  };
  const deps = { store, defaultPerHour, limiterFor };
  return {
    sms: withQuietLimit(sender('sms'), deps),
    voice: withQuietLimit(sender('voice'), deps),
    sent,
    provider,
    advance: (ms: number) => void (t += ms),
  };
}

describe('the quiet limit of SMS and calls', () => {
  it("keeps to the person's own hourly limit across SMS and calls together, then lets pages through again", async () => {
    const ana = makeUser({ id: 'ana' });
    const { sms, voice, sent, advance } = setup({ ana: { phone: { number: '+14155550101', maxPerHour: 2 } } });
    expect(await sms(page, incident, ana, 1)).toEqual({ status: 'sent' });
    expect(await voice(page, incident, ana, 1)).toEqual({ status: 'sent' });
    // Over the limit: failed for good on this channel (not retried), with the reason and the wait.
    expect(await sms(page, incident, ana, 2)).toEqual({
      status: 'failed',
      retryable: false,
      error: 'quiet limit: at most 2 SMS and calls per hour to this number; next in 30 min',
    });
    expect(await voice(page, incident, ana, 2)).toMatchObject({ status: 'failed', retryable: false });
    expect(sent).toEqual(['sms ana', 'voice ana']);

    // Half an hour (and a second, past the bucket's float rounding) refills one of the two.
    advance(HOUR / 2 + 1_000);
    expect(await voice(page, incident, ana, 3)).toEqual({ status: 'sent' });
    expect(await sms(page, incident, ana, 3)).toMatchObject({ status: 'failed' });
  });

  it("uses the relay's default for a person without their own limit, and counts each number apart", async () => {
    const bob = makeUser({ id: 'bob' });
    const cara = makeUser({ id: 'cara' });
    const { sms, sent } = setup({ bob: { phone: { number: '+14155550102' } }, cara: { phone: { number: '+14155550103' } } }, 3);
    for (let i = 0; i < 4; i++) await sms(page, incident, bob, i + 1);
    expect(await sms(page, incident, cara, 1)).toEqual({ status: 'sent' });
    expect(sent).toEqual(['sms bob', 'sms bob', 'sms bob', 'sms cara']);
  });

  it('leaves a person without a phone number to the sender (which names the missing contact)', async () => {
    const dan = makeUser({ id: 'dan' });
    const { sms, sent } = setup({}, 1);
    for (let i = 0; i < 3; i++) expect(await sms(page, incident, dan, i + 1)).toEqual({ status: 'sent' });
    expect(sent).toHaveLength(3);
  });

  it('counts only what reached the phone: retries while the provider fails do not use up the hour', async () => {
    const ana = makeUser({ id: 'ana' });
    const { sms, sent, provider } = setup({ ana: { phone: { number: '+14155550101', maxPerHour: 2 } } });
    provider.failing = 3;
    for (let attempt = 1; attempt <= 3; attempt++) expect(await sms(page, incident, ana, attempt)).toMatchObject({ status: 'failed', retryable: true });
    // The provider is back: the retry goes through, and so does one more page this hour; then the limit holds.
    expect(await sms(page, incident, ana, 4)).toEqual({ status: 'sent' });
    expect(await sms(page, incident, ana, 1)).toEqual({ status: 'sent' });
    expect(await sms(page, incident, ana, 1)).toMatchObject({ status: 'failed', retryable: false, error: expect.stringContaining('quiet limit') });
    expect(sent).toEqual(['sms ana', 'sms ana']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ContactAddress, SendResult } from '../../app/ports/notifier.js';
import { contactKey, createContactRateLimit, withContactRateLimit } from './contact-rate-limit.js';
import { pageMessage } from './testing/page-message.js';

function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const ana: ContactAddress = { channel: 'ntfy', target: 'https://ntfy.example/ana' };
const ben: ContactAddress = { channel: 'ntfy', target: 'https://ntfy.example/ben' };

describe('createContactRateLimit', () => {
  it('allows a burst of `limit`, then refills one token every window / limit', () => {
    const clock = manualClock();
    const limiter = createContactRateLimit({ limit: 3, perMs: 60_000, now: clock.now });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 20_000 });
    clock.advance(5_000);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 15_000 });
    clock.advance(15_000);
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a').allowed).toBe(false);
  });

  it("takes back a token given back, never beyond the bucket's size", () => {
    const limiter = createContactRateLimit({ limit: 2, now: manualClock().now });
    limiter.giveBack('unknown');
    expect([limiter.take('a'), limiter.take('a')].map((d) => d.allowed)).toEqual([true, true]);
    limiter.giveBack('a');
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    limiter.giveBack('a');
    limiter.giveBack('a');
    limiter.giveBack('a');
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const limiter = createContactRateLimit({ limit: 1, now: manualClock().now });
    expect([limiter.take('a').allowed, limiter.take('b').allowed, limiter.take('a').allowed]).toEqual([true, true, false]);
  });

  it('does not mint tokens when the clock steps backwards', () => {
    const clock = manualClock();
    const limiter = createContactRateLimit({ limit: 1, now: clock.now });
    limiter.take('a');
    clock.advance(-30_000);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('forgets full buckets once it tracks too many, which changes no answer', () => {
    const clock = manualClock();
    const limiter = createContactRateLimit({ limit: 2, perMs: 1000, now: clock.now, maxTracked: 2 });
    limiter.take('a');
    limiter.take('a');
    limiter.take('b');
    clock.advance(1000);
    // 'a' and 'b' are full again and get swept; a new key still gets its full burst.
    expect([limiter.take('c').allowed, limiter.take('c').allowed, limiter.take('c').allowed]).toEqual([true, true, false]);
    expect([limiter.take('a').allowed, limiter.take('a').allowed, limiter.take('a').allowed]).toEqual([true, true, false]);
  });

  it('refuses a limit below one', () => {
    expect(() => createContactRateLimit({ limit: 0, now: () => 0 })).toThrow(/limit/);
  });
});

describe('withContactRateLimit', () => {
  it('answers an over-limit send as retryable "rate limited" without calling the service', async () => {
    const clock = manualClock();
    const calls: string[] = [];
    const send = (contact: ContactAddress) => (calls.push(contactKey(contact)), Promise.resolve<SendResult>({ ok: true }));
    const limited = withContactRateLimit(send, createContactRateLimit({ limit: 2, perMs: 60_000, now: clock.now }));
    const message = pageMessage();
    const results = [await limited(ana, message), await limited(ana, message), await limited(ana, message), await limited(ben, message)];
    expect(results).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, retryable: true, error: 'rate limited', retryAfterMs: 30_000 },
      { ok: true },
    ]);
    expect(calls).toEqual(['ntfy https://ntfy.example/ana', 'ntfy https://ntfy.example/ana', 'ntfy https://ntfy.example/ben']);
  });
});
